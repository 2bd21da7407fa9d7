using System.Globalization;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Node.Strategies;

/// <summary>
/// What compiling a folder of strategy files gave: the strategies users can pick by class name, and every problem found
/// (compile errors, files without a strategy, classes that break <see cref="StrategyDefinition"/>'s rule, names taken
/// twice), each one line naming its file. User mistakes are problems here, never exceptions.
/// </summary>
public sealed record StrategyFolderResult(
    string Folder,
    IReadOnlyList<StrategyDefinition> Definitions,
    IReadOnlyList<string> Problems,
    int Files,
    TimeSpan Elapsed)
{
    /// <summary>A folder that is missing or holds no <c>*.cs</c> file.</summary>
    public static StrategyFolderResult None(string folder) => new(folder, [], [], 0, TimeSpan.Zero);

    public bool Succeeded => Problems.Count == 0;

    /// <summary>One line for the log, such as "Compiled 2 strategies from strategies/ in 850 ms: EmaCross, Breakout".</summary>
    public string Summary
    {
        get
        {
            if (Files == 0) return $"No strategy files in {Folder}";
            var count = Definitions.Count == 1 ? "1 strategy" : $"{Definitions.Count} strategies";
            var problems = Problems.Count switch { 0 => "", 1 => " with 1 problem", var n => $" with {n} problems" };
            var names = Definitions.Count == 0 ? "" : ": " + string.Join(", ", Definitions.Select(d => d.Name));
            return string.Create(CultureInfo.InvariantCulture,
                $"Compiled {count} from {Folder} in {Elapsed.TotalMilliseconds:0} ms{problems}{names}");
        }
    }
}
