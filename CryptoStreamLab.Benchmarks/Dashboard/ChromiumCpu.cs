using System.Globalization;

namespace CryptoStreamLab.Benchmarks.Dashboard;

/// <summary>
/// CPU time of the machine's Chromium processes by role (browser, renderer, GPU, utility), read from /proc,
/// so a load benchmark can say which part of the browsers uses the cores. Empty where /proc is missing.
/// </summary>
public sealed class ChromiumCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly Dictionary<int, (string Role, double Seconds)> _byProcess;

    private ChromiumCpu(Dictionary<int, (string Role, double Seconds)> byProcess) => _byProcess = byProcess;

    public static ChromiumCpu Read()
    {
        var byProcess = new Dictionary<int, (string, double)>();
        if (!Directory.Exists("/proc")) return new ChromiumCpu(byProcess);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                // Chromium rewrites its child processes' titles, which joins their arguments with spaces.
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split(['\0', ' '], StringSplitOptions.RemoveEmptyEntries);
                if (arguments.Length == 0 || !arguments[0].Contains("chrom", StringComparison.Ordinal)) continue;
                var type = arguments.FirstOrDefault(a => a.StartsWith("--type=", StringComparison.Ordinal))?["--type=".Length..] ?? "browser";
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                byProcess[pid] = (type, ticks / TicksPerSecond);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while being read.
            }
        }

        return new ChromiumCpu(byProcess);
    }

    /// <summary>CPU seconds used since <paramref name="before"/>, by role; processes started since count from zero.</summary>
    public IReadOnlyDictionary<string, double> SecondsSince(ChromiumCpu before) =>
        _byProcess
            .GroupBy(p => p.Value.Role)
            .ToDictionary(
                g => g.Key,
                g => g.Sum(p => p.Value.Seconds - (before._byProcess.TryGetValue(p.Key, out var earlier) ? earlier.Seconds : 0)));
}
