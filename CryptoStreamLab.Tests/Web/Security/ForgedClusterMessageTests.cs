using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using CryptoStreamLab.Tests.Node.Bus;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Web.Security;

/// <summary>
/// The real app as a process on its embedded broker, and an outside Kafka client that knows the broker's address but not the
/// cluster's key: the state, command and heartbeat messages it writes end in the dead-letter topic with the reason and change
/// nothing the app shows.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class ForgedClusterMessageTests : IDisposable
{
    private const string Stream = "AVAXUSDT-1m";
    private readonly string _dir = Directory.CreateTempSubdirectory("forged-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_forged_state_reset_command_and_heartbeat_are_dead_lettered_with_the_reason_and_change_nothing()
    {
        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["Node:Id"] = "A",
            ["MarketData:Source"] = "Replay",
            ["MarketData:Replay:Files:0"] = TestCandles.PathOf(TestCandles.AvaxFile),
            ["MarketData:Replay:Loop"] = "false",
            ["MarketData:Replay:Speed"] = "0",
            ["Strategy:FastPeriod"] = "5",
            ["Strategy:SlowPeriod"] = "15",
            ["Storage:Path"] = _dir,
            ["Archive:Path"] = Path.Combine(_dir, "archive"),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        var status = await app.WaitForStatusAsync(s => s.GetProperty("source").GetProperty("state").GetString() == "finished" &&
            s.GetProperty("kafka").GetProperty("lag").GetInt64() == 0 && s.GetProperty("kafka").GetProperty("applied").GetInt64() > 0,
            TimeSpan.FromSeconds(90), "the replay to be applied");
        var broker = status.GetProperty("kafka").GetProperty("bootstrapServers").GetString()!;
        var before = await DetailAsync(app);
        before.GetProperty("fills").GetInt32().Should().BePositive("the account traded, so a reset would show");

        var forgedReset = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "reset", node = "evil", time = 1, stream = Stream, startingBalance = 10_000m, asOf = long.MaxValue / 2,
            account = new { cash = 1_000_000m, quantity = 0m, entryPrice = 0m, feesPaid = 0m, fillCount = 0 },
        });
        var forgedHeartbeat = JsonSerializer.SerializeToUtf8Bytes(new { type = "node", node = "evil", time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            roles = "Engine", streams = new[] { Stream } });
        var forgedCommand = JsonSerializer.SerializeToUtf8Bytes(new { type = "reset", stream = Stream, node = "evil", id = "1", time = 1 });
        using (var outsider = RawTopic.Producer(broker))
        {
            outsider.Produce("StreamQuant.state", new Message<string?, byte[]?> { Key = Stream, Value = forgedReset });
            // A signature made with a key of the outsider's own is no better than none.
            outsider.Produce("StreamQuant.state", new Message<string?, byte[]?>
            {
                Key = "node:evil", Value = forgedHeartbeat,
                Headers = new Headers { { "csl-sig", System.Security.Cryptography.HMACSHA256.HashData(new byte[32], forgedHeartbeat) } },
            });
            outsider.Produce("StreamQuant.commands", new Message<string?, byte[]?> { Key = Stream, Value = forgedCommand });
            outsider.Flush(TimeSpan.FromSeconds(10)).Should().Be(0);
        }

        var letters = new List<ConsumeResult<string?, byte[]?>>();
        await Eventually.WaitAsync(() => (letters = RawTopic.ReadAll(broker, "StreamQuant.dlq")).Count >= 3, TimeSpan.FromSeconds(30),
            () => $"{letters.Count} dead letters\n{app.Output}");
        var reasons = letters.Select(l => (Topic: Header(l, "dlq-topic"), Key: l.Message.Key, Reason: Header(l, "dlq-error"))).ToList();
        reasons.Should().BeEquivalentTo(new[]
        {
            (Topic: "StreamQuant.state", Key: Stream, Reason: "not signed: no csl-sig header (only this cluster's nodes can write here)"),
            (Topic: "StreamQuant.state", Key: "node:evil", Reason: reasons.Single(r => r.Key == "node:evil").Reason),
            (Topic: "StreamQuant.commands", Key: Stream, Reason: "not signed: no csl-sig header (only this cluster's nodes can write here)"),
        });
        reasons.Single(r => r.Key == "node:evil").Reason.Should().StartWith("bad signature");
        var counted = await app.WaitForStatusAsync(s => s.GetProperty("kafka").GetProperty("deadLettered").GetInt64() == 3, TimeSpan.FromSeconds(10),
            "the status to count the three dead letters");

        // Nothing changed: the account, its fills and its owner, and the nodes the cluster shows.
        var after = await DetailAsync(app);
        foreach (var field in new[] { "cash", "position", "fills", "owner" })
            after.GetProperty(field).GetRawText().Should().Be(before.GetProperty(field).GetRawText(), field);
        using var cluster = JsonDocument.Parse(await app.Http.GetStringAsync("/api/v1/cluster"));
        cluster.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).Should().Equal("A");
        app.Output.Should().NotContain(TestClusterKey.Hex);
        counted.GetRawText().Should().NotContain("sharedKey", "the key is never shown");
    }

    [Fact]
    public async Task On_a_cluster_without_a_shared_key_the_app_exits_2_naming_the_key_and_how_to_make_one()
    {
        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:9",
            ["MarketData:Source"] = "Synthetic",
            ["Storage:Path"] = _dir,
            ["Archive:Path"] = Path.Combine(_dir, "archive"),
        });

        (await app.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(2, app.Output);
        app.Error.Should().Contain("Cluster:SharedKey is required when Kafka:BootstrapServers names a cluster").And.Contain("openssl rand -base64 32");
        app.Output.Should().NotContain("Now listening on");
    }

    private static async Task<JsonElement> DetailAsync(AppProcess app)
    {
        using var json = JsonDocument.Parse(await app.Http.GetStringAsync("/api/v1/streams/AVAXUSDT/1m"));
        return json.RootElement.Clone();
    }

    private static string Header(ConsumeResult<string?, byte[]?> message, string name) =>
        message.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";
}
