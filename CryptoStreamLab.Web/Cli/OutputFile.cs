using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace CryptoStreamLab.Web.Cli;

/// <summary>
/// What a command-line verb's <c>--output</c> may name: a regular file, which the result replaces when the run completes, or a
/// new file in a folder that exists. A device (<c>/dev/null</c>, <c>/dev/full</c>), a pipe, a socket or a folder is refused
/// before any work: the result is written beside the output and renamed over it, which would replace such a node with a
/// plain file.
/// </summary>
public static class OutputFile
{
    /// <summary>Ends the name of the unfinished result, written beside the output and renamed over it when complete.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>Where the result of <paramref name="output"/> is written until it is complete.</summary>
    public static string Partial(string output) => output + PartialSuffix;

    /// <summary>Whether the result is gzip-compressed: the output's name (or its partial's) ends in .gz.</summary>
    public static bool IsGzip(string path)
    {
        var output = path.EndsWith(PartialSuffix, StringComparison.Ordinal) ? path[..^PartialSuffix.Length] : path;
        return output.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
    }

    /// <exception cref="ArgumentException">The path cannot take the result; the message names the option, the path and why.</exception>
    public static void Check(string path, string option = "--output")
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full) || Path.EndsInDirectorySeparator(path))
            throw new ArgumentException($"{option} {path} is a folder; name a file (new, or one the result replaces).");
        if (File.Exists(full))
        {
            if (!IsRegularFile(full))
            {
                throw new ArgumentException($"{option} {path} is not a regular file (a device, pipe or socket); the result replaces " +
                                            "the file it names, so give the path of a new or regular file.");
            }

            return;
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            throw new ArgumentException($"{option} {path}: the folder {folder} does not exist; create it or name a file in a folder that does.");
    }

    /// <summary>True for a regular file (following links); anything else that exists is a device, pipe or socket.</summary>
    private static bool IsRegularFile(string path)
    {
        // File.Exists is true for every node but a folder on Unix; only the file type in its status tells them apart.
        if (!OperatingSystem.IsLinux()) return true;
        var status = new byte[256];
        if (Statx(AtCurrentDirectory, path, 0, StatxType, status) != 0) return true; // Gone meanwhile: written as a new file.
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(status.AsSpan(ModeOffset));
        return (mode & FileTypeMask) == RegularFile;
    }

    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28; // struct statx: stx_mask, stx_blksize (u32 each), stx_attributes (u64), stx_nlink, stx_uid, stx_gid (u32 each), stx_mode (u16).
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] status);
}
