using System.IO.Compression;
using System.IO.Hashing;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// The one kline CSV inside a zip archive, as data.binance.vision serves them (<c>LTCUSDT-1m-2026-02.zip</c> holding
/// <c>LTCUSDT-1m-2026-02.csv</c>). An archive of no entry or of several is refused naming the file, since which one to read
/// would be a guess. As for gzip (<see cref="GzipContentStream"/>), the content is checked against what the archive declares:
/// more bytes than the entry's declared size stop the read at once (a lying header does not inflate without end), and at
/// the end the length and CRC-32 must match, so a damaged entry is an <see cref="InvalidDataException"/>, never a shorter run.
/// </summary>
internal sealed class ZipContentStream : ForwardOnlyReadStream
{
    private readonly ZipArchive _archive;
    private readonly Stream _entry;
    private readonly string _source;
    private readonly string _name;
    private readonly long _declaredLength;
    private readonly uint _declaredCrc;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _ended;

    private ZipContentStream(ZipArchive archive, ZipArchiveEntry entry, string source)
    {
        _archive = archive;
        _source = source;
        _name = entry.FullName;
        _declaredLength = entry.Length;
        _declaredCrc = entry.Crc32;
        _entry = entry.Open();
    }

    /// <summary>The archive's single entry, decompressed; the result owns <paramref name="zip"/>.</summary>
    /// <param name="zip">A seekable stream at the archive's first byte.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <exception cref="InvalidDataException">Not a readable zip archive (cut short, damaged), or not exactly one file inside.</exception>
    public static Stream Open(Stream zip, string source)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException e)
        {
            zip.Dispose();
            throw new InvalidDataException($"{source}: not a complete zip archive ({e.Message}); the file is truncated or damaged.", e);
        }

        var entries = archive.Entries;
        if (entries.Count != 1 || entries[0].FullName.EndsWith('/'))
        {
            archive.Dispose();
            var held = entries.Count switch
            {
                0 => "it is empty",
                1 => $"it holds only the folder {entries[0].FullName}",
                _ => $"it holds {Describe(entries)}",
            };
            throw new InvalidDataException($"{source}: a kline zip must hold exactly one CSV file, as data.binance.vision's do; {held}.");
        }

        try
        {
            return new ZipContentStream(archive, entries[0], source);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            archive.Dispose();
            throw new InvalidDataException($"{source}: its zip entry {entries[0].FullName} cannot be read ({e.Message}).", e);
        }
    }

    public override int Read(Span<byte> buffer)
    {
        if (_ended || buffer.IsEmpty) return 0;
        int read;
        try
        {
            read = _entry.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{_source}: the zip entry {_name} is damaged ({e.Message}).", e);
        }

        if (read > 0)
        {
            _length += read;
            if (_length > _declaredLength)
            {
                throw new InvalidDataException(
                    $"{_source}: the zip entry {_name} holds more than the {_declaredLength:N0} bytes its header declares; the archive is damaged.");
            }

            _crc.Append(buffer[..read]);
            return read;
        }

        _ended = true;
        if (_length != _declaredLength || _crc.GetCurrentHashAsUInt32() != _declaredCrc)
        {
            throw new InvalidDataException(
                $"{_source}: the zip entry {_name} does not match its header (the CRC-32 and length of the {_length:N0} bytes decompressed " +
                $"against the {_declaredLength:N0} declared): the file is truncated or damaged.");
        }

        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _entry.Dispose();
            _archive.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string Describe(IReadOnlyList<ZipArchiveEntry> entries)
    {
        const int Shown = 3;
        var names = string.Join(", ", entries.Take(Shown).Select(e => e.FullName));
        return entries.Count <= Shown ? $"{entries.Count} entries ({names})" : $"{entries.Count} entries ({names}, …)";
    }
}
