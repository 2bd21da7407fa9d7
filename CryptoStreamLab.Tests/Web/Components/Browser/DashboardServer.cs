using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>
/// The real app on Kestrel on a free localhost port, wired by AddCryptoStreamLab/UseCryptoStreamLab exactly as
/// Program.cs does, for a real browser to open (an in-memory test server cannot be reached by one).
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _ledgerFolder;

    private DashboardServer(WebApplication app, Uri address, DirectoryInfo ledgerFolder)
    {
        _app = app;
        Address = address;
        _ledgerFolder = ledgerFolder;
    }

    /// <summary>Binance at an address where nothing listens: the feed never connects and the streams stay empty.</summary>
    public static readonly IReadOnlyDictionary<string, string?> NoMarketData = new Dictionary<string, string?>
    {
        ["MarketData:Source"] = "Binance",
        ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
        ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
    };

    public Uri Address { get; }

    public StreamDirectory Market => _app.Services.GetRequiredService<StreamDirectory>();

    /// <summary>The app's services, e.g. its bound options as the reference a test computes with.</summary>
    public IServiceProvider Services => _app.Services;

    /// <param name="services">Extra registrations after the app's own, e.g. a status provider the app does not have yet.</param>
    public static async Task<DashboardServer> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Static assets (MudBlazor, Lightweight Charts, the chart module) are found through the Web project's manifests.
            ApplicationName = typeof(CryptoStreamLabHost).Assembly.GetName().Name,
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Each server keeps its paper-trading ledger in its own temporary folder, never in the repository.
        var ledgerFolder = Directory.CreateTempSubdirectory("dashboard-ledger-");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Path"] = ledgerFolder.FullName, ["Archive:Path"] = Path.Combine(ledgerFolder.FullName, "archive") });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCryptoStreamLab();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseCryptoStreamLab();
        await app.StartAsync();
        return new DashboardServer(app, new Uri(app.Urls.First()), ledgerFolder);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ledgerFolder.Delete(recursive: true);
    }
}
