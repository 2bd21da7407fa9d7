using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Benchmarks.Cluster;

/// <summary>
/// One node of the app, wired as Program.cs wires it (AddCryptoStreamLab/UseCryptoStreamLab), as a WebApplication in this
/// process on Kestrel at a random port of 127.0.0.1, with its ledger in a temp folder deleted on dispose. Its market-data
/// source points where nothing answers, so the candles the benchmark publishes are the only ones.
/// </summary>
internal sealed class InProcessNode : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cryptostreamlab-cluster-").FullName;
    private readonly WebApplication _app;

    /// <param name="broker">Null: this node starts the embedded broker. Otherwise the address of another node's.</param>
    public InProcessNode(string id, string roles, IReadOnlyList<string> symbols, int bufferCapacity, string? broker)
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Node:Id"] = id,
            ["Node:Roles"] = roles,
            // Every node of one run signs and checks the internal topics with the same key.
            ["Cluster:SharedKey"] = NodeProcess.SharedKey,
            ["Storage:Path"] = _folder,
            ["Archive:Path"] = Path.Combine(_folder, "archive"),
            ["MarketData:Source"] = "Binance",
            ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
            ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
            ["MarketData:BufferCapacity"] = bufferCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            // The unreachable feed's reconnect warnings are expected here.
            ["Logging:LogLevel:CryptoStreamLab.Node.Ingest"] = "Error",
            // The temp content root has no wwwroot; the dashboard's pages are not what is measured.
            ["Logging:LogLevel:Microsoft.AspNetCore.StaticFiles"] = "Error",
        };
        for (var i = 0; i < symbols.Count; i++) settings[$"MarketData:Symbols:{i}"] = symbols[i];
        if (broker is not null)
        {
            // Attached by address, a node cannot tell the broker is the embedded one: give it the embedded settings.
            settings["Kafka:BootstrapServers"] = broker;
            settings["Kafka:Client:session.timeout.ms"] = "3000";
            settings["Kafka:Client:heartbeat.interval.ms"] = "500";
            settings["Kafka:Client:fetch.wait.max.ms"] = "5";
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "CryptoStreamLab.Web",
            ContentRootPath = _folder,
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCryptoStreamLab();
        _app = builder.Build();
        _app.UseCryptoStreamLab();
    }

    public StreamDirectory State => _app.Services.GetRequiredService<StreamDirectory>();

    public IKlinePublisher Publisher => _app.Services.GetRequiredService<IKlinePublisher>();

    public KafkaStatus Kafka => _app.Services.GetRequiredService<KafkaStatus>();

    public string BootstrapServers => _app.Services.GetRequiredService<KafkaCluster>().BootstrapServers;

    public Task StartAsync() => _app.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
