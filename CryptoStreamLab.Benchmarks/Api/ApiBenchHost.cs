using System.Globalization;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Benchmarks.Api;

/// <summary>
/// The whole app, wired as Program.cs wires it, on Kestrel at a free port of 127.0.0.1, following one synthetic stream
/// that only the benchmark feeds (Binance at an address where nothing listens), its ledger and archive in a temp folder.
/// </summary>
public sealed class ApiBenchHost : IAsyncDisposable
{
    public static readonly StreamKey Stream = new("SYNUSDT", KlineInterval.OneMinute);

    private readonly string _folder;

    private ApiBenchHost(WebApplication app, string folder)
    {
        App = app;
        _folder = folder;
        Address = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public StreamDirectory Market => App.Services.GetRequiredService<StreamDirectory>();

    /// <param name="archived">Candles written to the archive before the app starts (the engine warms up from them).</param>
    /// <param name="logs">Receives the app's log lines at the level the settings let through (Error unless they say otherwise).</param>
    public static async Task<ApiBenchHost> StartAsync(IReadOnlyList<Candle> archived, IDictionary<string, string?>? settings = null,
        ILoggerProvider? logs = null)
    {
        var folder = Directory.CreateTempSubdirectory("cryptostreamlab-api-bench-").FullName;
        var archive = Path.Combine(folder, "archive");
        foreach (var day in archived.GroupBy(c => ArchiveLayout.PartitionOf(c.Symbol, c.Interval, c.OpenTime)))
            await ParquetCandleFile.WriteAsync(Path.Combine(archive, day.Key), day.ToList());

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "CryptoStreamLab.Web",
            ContentRootPath = folder,
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:Path"] = folder,
            ["Archive:Path"] = archive,
            ["MarketData:Source"] = "Binance",
            ["MarketData:Symbols:0"] = Stream.Symbol,
            ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
            ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
            ["MarketData:BufferCapacity"] = "1000",
            ["Logging:LogLevel:Default"] = "Error",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null) builder.Logging.ClearProviders().AddProvider(logs);
        builder.AddCryptoStreamLab();
        var app = builder.Build();
        if (OptionsValidation.CollectStartupProblems(app.Services) is { } problems) throw new InvalidOperationException(problems);
        app.UseCryptoStreamLab();
        await app.StartAsync();
        return new ApiBenchHost(app, folder);
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    public static string Machine() =>
        $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";

    public static double Option(string[] args, string name, double fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
