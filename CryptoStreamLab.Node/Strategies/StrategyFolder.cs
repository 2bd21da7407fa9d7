using System.Diagnostics;
using System.Runtime.CompilerServices;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Node.Strategies;

/// <summary>
/// A folder of strategy files, as Freqtrade's <c>user_data/strategies</c>: every <c>*.cs</c> file at its top level is
/// compiled at start into one in-memory assembly, and every public class in it that implements <see cref="IStrategy"/>
/// becomes a strategy users pick by its class name. A missing or empty folder costs nothing: the compiler is not even
/// loaded, so the app starts as fast as without the feature.
/// </summary>
/// <remarks>
/// The files see <c>CryptoStreamLab.Core</c> and the .NET runtime's own assemblies (no other package), with
/// <c>System</c>, <c>System.Collections.Generic</c> and <c>System.Linq</c> as global usings (a subset of the SDK's implicit
/// usings, so a file written in an ordinary project compiles here too); docs/examples/EmaCross.cs is a complete one.
/// A compile error in any file leaves the whole folder without strategies, since its files are one assembly.
/// </remarks>
public static class StrategyFolder
{
    /// <summary>Compiles <paramref name="folder"/>; problems are in the result, never thrown.</summary>
    /// <param name="builtIns">Names the files may not take; <see cref="BuiltInStrategies.All"/> when null.</param>
    public static StrategyFolderResult Compile(string folder, IReadOnlyList<StrategyDefinition>? builtIns = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.cs", SearchOption.TopDirectoryOnly)
                .Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];
        if (files.Length == 0) return StrategyFolderResult.None(folder);

        var clock = Stopwatch.StartNew();
        var problems = new List<string>();
        var sources = Read(folder, files, problems);
        var definitions = problems.Count == 0 ? CompileSources(sources, builtIns ?? BuiltInStrategies.All, problems) : [];
        return new StrategyFolderResult(folder, definitions, problems, files.Length, clock.Elapsed);
    }

    /// <summary>The file as problems name it: the folder's own name and the file's, "strategies/EmaCross.cs".</summary>
    internal static string DisplayPath(string folder, string file)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        return Path.Combine(name.Length > 0 ? name : folder, Path.GetFileName(file));
    }

    private static List<StrategySource> Read(string folder, string[] files, List<string> problems)
    {
        var sources = new List<StrategySource>(files.Length);
        foreach (var file in files)
        {
            var path = DisplayPath(folder, file);
            try
            {
                sources.Add(new StrategySource(path, File.ReadAllText(file)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{path}: cannot be read: {e.Message}");
            }
        }

        return sources;
    }

    // Kept out of Compile so that the JIT does not load the compiler's assemblies for a folder without files.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IReadOnlyList<StrategyDefinition> CompileSources(
        IReadOnlyList<StrategySource> sources, IReadOnlyList<StrategyDefinition> builtIns, List<string> problems) =>
        StrategyCompiler.Compile(sources, builtIns, problems);
}
