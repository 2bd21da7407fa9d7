using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Node.Ledger;

/// <summary>
/// The Replay demo and the live market follow the same stream ids (BTCUSDT-1m), so on one storage folder each keeps a ledger
/// of its own: a demo started after the live app never carries on the live account (whose newest candle would also make it
/// skip every old candle it replays), nor does the live app carry on the demo's.
/// </summary>
public sealed class LedgerLocationTests : IDisposable
{
    private readonly string _storage = Directory.CreateTempSubdirectory("storage-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_storage, recursive: true);
    }

    [Theory]
    [InlineData("Binance", "ledger.db")]
    [InlineData("Synthetic", "ledger.db")]
    [InlineData("Replay", "ledger-replay.db")]
    public async Task Without_a_file_name_a_replay_keeps_its_ledger_apart_from_the_live_market(string source, string file)
    {
        await using var app = new InProcessApp(Settings(source));

        app.Services.GetRequiredService<LedgerRecorder>().DatabasePath.Should().Be(Path.Combine(_storage, file));
    }

    [Fact]
    public async Task A_file_name_given_is_the_ledger_of_every_source()
    {
        var settings = Settings("Replay");
        settings["Storage:FileName"] = "accounts.db";
        await using var app = new InProcessApp(settings);

        app.Services.GetRequiredService<LedgerRecorder>().DatabasePath.Should().Be(Path.Combine(_storage, "accounts.db"));
    }

    [Fact]
    public void The_start_checks_the_ledger_the_source_uses()
    {
        // The live market's ledger is not the replay's business; the replay's own is checked.
        File.WriteAllText(Path.Combine(_storage, StorageOptions.DefaultFileName), "not a database");
        Problems(Settings("Replay")).Should().BeNull();

        var replayLedger = Path.Combine(_storage, StorageOptions.ReplayDefaultFileName);
        File.WriteAllText(replayLedger, "not a database either");
        Problems(Settings("Replay")).Should().Contain($"Storage:Path/FileName: the ledger {replayLedger} is not a sound SQLite database");
    }

    private Dictionary<string, string?> Settings(string source) => new()
    {
        ["MarketData:Source"] = source,
        // Binance where nothing listens: no test reaches the real one.
        ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
        ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
        ["Storage:Path"] = _storage,
    };

    private static string? Problems(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCryptoStreamLab();
        using var app = builder.Build();
        return OptionsValidation.CollectStartupProblems(app.Services);
    }
}
