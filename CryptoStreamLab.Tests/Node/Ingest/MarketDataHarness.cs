using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Tests.Node.Ingest;

/// <summary>
/// The market-data services as the app registers them (<see cref="MarketDataServiceCollectionExtensions.AddMarketData"/>),
/// with a recording publisher, a settable clock and captured logs, and one source running in the background.
/// </summary>
internal sealed class MarketDataHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();

    /// <param name="archivedUntil">The newest archived open time per stream the sources see, when the node archives.</param>
    public MarketDataHarness(Dictionary<string, string?> settings, TimeProvider? clock = null, Func<StreamKey, long?>? archivedUntil = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<IKlinePublisher>(Publisher);
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddSingleton<IHostEnvironment>(new TestEnvironment());
        if (archivedUntil is not null) services.AddSingleton<IArchiveHorizon>(new FixedHorizon(archivedUntil));
        services.AddMarketData(configuration);
        _services = services.BuildServiceProvider();
    }

    public RecordingPublisher Publisher { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new(LogLevel.Trace);

    public MarketDataStatus Status => _services.GetRequiredService<MarketDataStatus>();

    public MarketDataOptions Options => _services.GetRequiredService<IOptions<MarketDataOptions>>().Value;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public Task? Running { get; private set; }

    public void StartSource(MarketDataSourceKind kind)
    {
        var source = _services.GetServices<IMarketDataSource>().Single(s => s.Kind == kind);
        Running = Task.Run(() => source.RunAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Running is not null) await Running.WaitAsync(TimeSpan.FromSeconds(5));
        await _services.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>Settings for the Binance source against <paramref name="fake"/>, with short test delays.</summary>
    public static Dictionary<string, string?> BinanceSettings(FakeBinance fake, TimeSpan lookback) => new()
    {
        ["MarketData:Source"] = "Binance",
        ["MarketData:Symbols:0"] = "BTCUSDT",
        ["MarketData:Intervals:0"] = "1m",
        ["MarketData:BackfillLookback"] = lookback.ToString("c"),
        ["MarketData:Binance:RestBaseUrl"] = fake.RestBaseUrl,
        ["MarketData:Binance:WebSocketBaseUrl"] = fake.WebSocketBaseUrl,
        ["MarketData:Binance:SilenceTimeout"] = "00:00:05",
        ["MarketData:Binance:ReconnectMinDelay"] = "00:00:00.050",
        ["MarketData:Binance:ReconnectMaxDelay"] = "00:00:00.200",
        ["MarketData:Binance:RequestTimeout"] = "00:00:05",
    };

    private sealed class FixedHorizon(Func<StreamKey, long?> newest) : IArchiveHorizon
    {
        public long? NewestArchived(StreamKey key) => newest(key);
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "CryptoStreamLab.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
