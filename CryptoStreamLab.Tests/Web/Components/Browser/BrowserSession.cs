using CryptoStreamLab.Tests.Support;
using Microsoft.Playwright;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>Debian's Chromium (the one on the PATH) under Playwright, headless, with the flags that work as root and offline.</summary>
/// <remarks>The dashboard load benchmark drives its browsers with this too (linked into the benchmarks as source), so it needs no xunit.</remarks>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>The command that starts Chromium, and the Debian package that installs it.</summary>
    public const string Chromium = "chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright _playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>The Chromium on the PATH, or null.</summary>
    public static string? ExecutablePath => Executables.Find(Chromium);

    public static async Task<BrowserSession> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath ?? throw new InvalidOperationException($"{Chromium} is not on the PATH: install the Debian package '{Chromium}'."),
            Args = Flags,
            Headless = true,
        });
        return new BrowserSession(playwright, browser);
    }

    public static string ArtifactPath(string fileName)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
