using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Node.Bus;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Tests.Reliability;

/// <summary>
/// The whole app as Program.cs wires it, on a test server, with its ledger in a temp folder and the stream state behind a
/// sink that records every candle the consumer hands over (and passes it on). Dispose stops it and deletes the folder.
/// </summary>
public sealed class InProcessApp : IAsyncDisposable
{
    private bool _started;

    public InProcessApp(IDictionary<string, string?> settings)
    {
        Folder = Directory.CreateTempSubdirectory("app-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = "CryptoStreamLab.Web",
            ContentRootPath = Folder,
        });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Path"] = Folder,
            ["Archive:Path"] = Path.Combine(Folder, "archive"),
            // Never the real Binance in a test: a slow synthetic feed of its own symbols unless a test says otherwise.
            ["MarketData:Source"] = "Synthetic",
            ["MarketData:Synthetic:SymbolCount"] = "1",
            ["MarketData:Synthetic:UpdatesPerSecond"] = "1",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(Logs);
        builder.AddCryptoStreamLab();
        builder.Services.AddSingleton<ICandleSink>(sp => new TeeSink(Sink, sp.GetRequiredService<StreamDirectory>()));
        App = builder.Build();
        App.UseCryptoStreamLab();
    }

    public string Folder { get; }

    public WebApplication App { get; }

    public RecordingSink Sink { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => App.Services;

    public HttpClient Client => App.GetTestClient();

    public async Task StartAsync()
    {
        await App.StartAsync();
        _started = true;
    }

    public async Task StopAsync()
    {
        if (!_started) return;
        _started = false;
        await App.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Records each candle, then gives it to the app's stream state.</summary>
    private sealed class TeeSink(RecordingSink recording, StreamDirectory state) : ICandleSink
    {
        public IReadOnlyDictionary<int, long> TakeOver(IReadOnlyCollection<int> partitions) => state.TakeOver(partitions);

        public void Release(IReadOnlyCollection<int> partitions) => state.Release(partitions);

        public CandleApplyOutcome Apply(in Candle candle, long eventTime = 0, CandleOrigin? origin = null)
        {
            recording.Apply(candle, eventTime, origin);
            return state.Apply(candle, eventTime, origin);
        }
    }
}
