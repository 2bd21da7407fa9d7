using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Components.Browser;

/// <summary>A test that drives Debian's Chromium, found on the PATH; skipped, naming the package to install, where it is missing.</summary>
public sealed class ChromiumFactAttribute() : RequiresCommandFactAttribute(Command, Command)
{
    /// <summary>The command, and the Debian package that installs it.</summary>
    public const string Command = "chromium";

    /// <summary>The Chromium on the PATH, or null.</summary>
    public static string? ExecutablePath => Executables.Find(Command);

    /// <summary>Why browser tests cannot run here, or null when they can.</summary>
    public static string? MissingReason => SkipReason(Command, Command, ExecutablePath);
}

/// <summary>
/// A browser measurement: runs only when CRYPTOSTREAMLAB_BENCHMARK=1 (it takes a minute and loads both cores),
/// and, like every browser test, only with Chromium installed.
/// </summary>
public sealed class BrowserBenchmarkAttribute : FactAttribute
{
    public BrowserBenchmarkAttribute() =>
        Skip = Environment.GetEnvironmentVariable("CRYPTOSTREAMLAB_BENCHMARK") != "1"
            ? "A measurement, not a check: set CRYPTOSTREAMLAB_BENCHMARK=1 and filter Category=Benchmark to run it."
            : ChromiumFactAttribute.MissingReason;
}
