using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CryptoStreamLab.Tests.Web.Hosting;

public class StartupValidationTests
{
    private static string? Problems(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCryptoStreamLab();
        using var app = builder.Build();
        return OptionsValidation.CollectStartupProblems(app.Services);
    }

    [Fact]
    public void The_shipped_defaults_are_valid() => Problems([]).Should().BeNull();

    [Fact]
    public void Every_invalid_value_is_named_in_one_message()
    {
        var message = Problems(new()
        {
            ["Strategy:FastPeriod"] = "80",
            ["Strategy:RsiPeriod"] = "fourteen",
            ["Strategy:BuyRsiMax"] = "170",
            ["Trading:StartingBalance"] = "-5",
            ["Trading:FeeRate"] = "lots",
            ["MarketData:Symbols:0"] = "btc/usdt",
            ["MarketData:Intervals:0"] = "7m",
        });

        message.Should().NotBeNull();
        message.Should().StartWith("The configuration is not valid:")
            .And.Contain("Strategy:FastPeriod (80) must be shorter than Strategy:SlowPeriod (50)")
            .And.Contain("'fourteen' at 'Strategy:RsiPeriod'")
            .And.Contain("Strategy:BuyRsiMax must be between 0 and 100 (is 170)")
            .And.Contain("Trading:StartingBalance must be positive (is -5)")
            .And.Contain("'lots' at 'Trading:FeeRate'")
            .And.Contain("MarketData:Symbols:0 'btc/usdt' is not a symbol")
            .And.Contain("MarketData:Intervals:0 '7m' is not a Binance interval");
    }

    [Fact]
    public void Kafka_problems_are_named_in_the_same_message_as_every_other_section_s()
    {
        var message = Problems(new()
        {
            ["Strategy:FastPeriod"] = "80",
            ["Kafka:Partitions"] = "three",
            ["Kafka:MaxMessageBytes"] = "lots",
            ["Kafka:Topic"] = "candles/1m",
            ["Kafka:BootstrapServers"] = "broker-1:9092,broker-2",
            ["Kafka:Client:ENABLE.AUTO.COMMIT"] = "true",
        });

        message.Should().NotBeNull();
        message.Should().StartWith("The configuration is not valid:")
            .And.Contain("Strategy:FastPeriod (80) must be shorter than Strategy:SlowPeriod (50)")
            .And.Contain("'three' at 'Kafka:Partitions'")
            .And.Contain("'lots' at 'Kafka:MaxMessageBytes'")
            .And.Contain("Kafka:Topic 'candles/1m' is not a valid topic name")
            .And.Contain("Kafka:BootstrapServers entry 'broker-2' is not host:port.")
            .And.Contain("is set by the app itself and cannot be overridden");
    }

    [Fact]
    public void A_storage_path_under_a_file_and_a_damaged_ledger_are_named()
    {
        var folder = Directory.CreateTempSubdirectory("startup-paths-").FullName;
        try
        {
            var file = Path.Combine(folder, "file");
            File.WriteAllText(file, "x");
            Problems(new() { ["Storage:Path"] = Path.Combine(file, "ledger"), ["Archive:Path"] = Path.Combine(folder, "archive") })
                .Should().Contain($"Storage:Path '{Path.Combine(file, "ledger")}' cannot be created: {file} is a file.");
            if (OperatingSystem.IsLinux())
            {
                // Not writable even as root: /proc takes no folders.
                Problems(new() { ["Storage:Path"] = "/proc/cryptostreamlab-ledger", ["Archive:Path"] = Path.Combine(folder, "archive") })
                    .Should().Contain("Storage:Path '/proc/cryptostreamlab-ledger' cannot be written: ");
            }

            // A real ledger, then a page in its middle overwritten: it opens, but its check finds the damage.
            var ledgerFolder = Path.Combine(folder, "ledger");
            var database = Path.Combine(ledgerFolder, "ledger.db");
            using (var ledger = new CryptoStreamLab.Node.Ledger.SqliteLedger(database))
            {
                ledger.Write(Enumerable.Range(0, 2_000).Select(i => Entry(i)).ToList());
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var settings = new Dictionary<string, string?> { ["Storage:Path"] = ledgerFolder, ["Archive:Path"] = Path.Combine(folder, "archive") };
            Problems(settings).Should().BeNull("a sound ledger passes");

            var bytes = File.ReadAllBytes(database);
            bytes.Length.Should().BeGreaterThan(5 * 4096);
            for (var i = 3 * 4096; i < 4 * 4096; i++) bytes[i] = 0x55;
            File.WriteAllBytes(database, bytes);

            Problems(settings).Should().Contain($"Storage:Path/FileName: the ledger {database} is not a sound SQLite database");
            File.ReadAllBytes(database).Should().Equal(bytes, "the check never writes to it");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("collector:4317")]
    [InlineData("ftp://collector:4317")]
    [InlineData("/v1/metrics")]
    [InlineData("http//collector:4318")]
    public void An_otlp_endpoint_that_is_not_an_absolute_http_or_https_address_is_a_startup_problem(string endpoint) =>
        Problems(new() { ["OpenTelemetry:Otlp:Endpoint"] = endpoint })
            .Should().StartWith("The configuration is not valid:")
            .And.Contain($"OpenTelemetry:Otlp:Endpoint '{endpoint}' must be an absolute http or https address, such as http://collector:4317.");

    [Fact]
    public void A_valid_otlp_setup_passes_and_every_other_telemetry_mistake_is_named()
    {
        Problems(new()
        {
            // Loopback: the host built here may flush an export when it is disposed, and a test reaches no other machine.
            ["OpenTelemetry:Otlp:Endpoint"] = "https://127.0.0.1:1",
            ["OpenTelemetry:Otlp:Protocol"] = "http/protobuf",
            ["OpenTelemetry:Otlp:ExportInterval"] = "00:00:30",
            ["OpenTelemetry:Otlp:Headers"] = "api-key=abc,tenant=1",
            ["OpenTelemetry:Prometheus:Enabled"] = "false",
        }).Should().BeNull();

        Problems(new()
        {
            ["OpenTelemetry:Otlp:Protocol"] = "udp",
            ["OpenTelemetry:Otlp:ExportInterval"] = "00:00:00",
            ["OpenTelemetry:Otlp:Headers"] = "just-a-token",
            ["OpenTelemetry:Prometheus:Enabled"] = "maybe",
        }).Should().Contain("OpenTelemetry:Otlp:Protocol 'udp' must be grpc or http/protobuf.")
            .And.Contain("OpenTelemetry:Otlp:ExportInterval must be between 00:00:00.1 and 01:00:00 (is 00:00:00).")
            .And.Contain("OpenTelemetry:Otlp:Headers must be comma-separated name=value pairs.")
            .And.Contain("'maybe' at 'OpenTelemetry:Prometheus:Enabled'");
    }

    private static CryptoStreamLab.Node.Ledger.LedgerEntry Entry(int i) => new("BTCUSDT:1m",
        new CryptoStreamLab.Node.Ledger.EquityPoint(1_000 + i * 60_000L, 10m + i, 100m, 0m, 100m), null,
        new CryptoStreamLab.Core.Trading.AccountState(100m, 0m, 0m, 0m, 0));
}
