namespace CryptoStreamLab.Tests.Components.Browser;

/// <summary>A test that drives Debian's Chromium; skipped, naming the package to install, where it is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public ChromiumFactAttribute() => Skip = SkipReason(ExecutablePath);

    /// <summary>Why browser tests cannot run with <paramref name="executable"/>, or null when they can.</summary>
    public static string? SkipReason(string executable) => File.Exists(executable)
        ? null
        : $"{executable} is missing: install the Debian package 'chromium' (apt-get install -y chromium) to run browser tests.";
}

/// <summary>
/// A browser measurement: runs only when CRYPTOSTREAMLAB_BENCHMARK=1 (it takes a minute and loads both cores),
/// and, like every browser test, only with Chromium installed.
/// </summary>
public sealed class BrowserBenchmarkAttribute : FactAttribute
{
    public BrowserBenchmarkAttribute()
    {
        if (Environment.GetEnvironmentVariable("CRYPTOSTREAMLAB_BENCHMARK") != "1")
            Skip = "A measurement, not a check: set CRYPTOSTREAMLAB_BENCHMARK=1 and filter Category=Benchmark to run it.";
        else
            Skip = ChromiumFactAttribute.SkipReason(ChromiumFactAttribute.ExecutablePath);
    }
}
