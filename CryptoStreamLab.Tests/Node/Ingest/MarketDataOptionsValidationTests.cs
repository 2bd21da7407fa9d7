using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Tests.Node.Ingest;

public sealed class MarketDataOptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid_and_the_documented_values()
    {
        using var harness = new OptionsOnly([]);
        var o = harness.Options;

        o.Validate().Should().BeEmpty();
        o.Source.Should().Be(MarketDataSourceKind.Binance);
        o.Streams().Should().Equal(new StreamKey("BTCUSDT", KlineInterval.OneMinute));
        o.BufferCapacity.Should().Be(1000);
        o.BackfillLookback.Should().Be(TimeSpan.FromHours(6));
        o.StaleAfter.Should().Be(TimeSpan.FromMinutes(1));
        o.Binance.RestBaseUrl.Should().Be("https://api.binance.com");
        o.Binance.WebSocketBaseUrl.Should().Be("wss://stream.binance.com:9443");
        o.Binance.ApiKey.Should().BeNull();
        o.Replay.EffectiveFiles.Should().Equal(ReplaySourceOptions.DefaultFiles);
        o.Replay.Speed.Should().Be(60);
        o.Synthetic.SymbolCount.Should().Be(10);
    }

    [Fact]
    public void Configured_values_replace_the_defaults_including_nested_sections()
    {
        using var harness = new OptionsOnly(new()
        {
            ["MarketData:Source"] = "Replay",
            ["MarketData:Symbols:0"] = "ETHUSDT",
            ["MarketData:Intervals:0"] = "5m",
            ["MarketData:Binance:SilenceTimeout"] = "00:00:10",
            ["MarketData:Replay:Files:0"] = "data/BTCUSDT-1h-2024.csv",
            ["MarketData:Replay:Speed"] = "0",
        });
        var o = harness.Options;

        o.Source.Should().Be(MarketDataSourceKind.Replay);
        o.Streams().Should().Equal([new StreamKey("BTCUSDT", KlineInterval.OneHour)], "Replay follows the streams its files are named after");
        o.Binance.SilenceTimeout.Should().Be(TimeSpan.FromSeconds(10));
        o.Binance.RestBaseUrl.Should().Be("https://api.binance.com", "unset keys keep their defaults");
        o.Replay.EffectiveFiles.Should().Equal("data/BTCUSDT-1h-2024.csv");
        o.Replay.Speed.Should().Be(0);
    }

    [Fact]
    public void Each_source_follows_its_own_streams()
    {
        var o = new MarketDataOptions { Symbols = ["ETHUSDT", "BTCUSDT"], Intervals = ["5m", "1h"] };
        o.Streams().Should().Equal(new StreamKey("ETHUSDT", KlineInterval.FiveMinutes), new StreamKey("ETHUSDT", KlineInterval.OneHour),
            new StreamKey("BTCUSDT", KlineInterval.FiveMinutes), new StreamKey("BTCUSDT", KlineInterval.OneHour));

        o.Source = MarketDataSourceKind.Synthetic;
        o.Synthetic.SymbolCount = 2;
        o.Streams().Should().Equal(new StreamKey("SYN001USDT", KlineInterval.FiveMinutes), new StreamKey("SYN001USDT", KlineInterval.OneHour),
            new StreamKey("SYN002USDT", KlineInterval.FiveMinutes), new StreamKey("SYN002USDT", KlineInterval.OneHour));

        o.Source = MarketDataSourceKind.Replay;
        o.Streams().Should().Equal(new StreamKey("BTCUSDT", KlineInterval.OneMinute), new StreamKey("LTCUSDT", KlineInterval.OneMinute));
    }

    [Fact]
    public void Every_problem_is_listed_with_its_configuration_path()
    {
        var o = new MarketDataOptions
        {
            Symbols = ["btcusdt", "BTCUSDT", "BTCUSDT", "B"],
            Intervals = ["1m", "7m", "1M"],
            BufferCapacity = 0,
            BackfillLookback = TimeSpan.FromMinutes(-1),
            Binance = new BinanceSourceOptions
            {
                RestBaseUrl = "api.binance.com",
                WebSocketBaseUrl = "https://stream.binance.com",
                SilenceTimeout = TimeSpan.Zero,
                ReconnectMinDelay = TimeSpan.FromSeconds(10),
                ReconnectMaxDelay = TimeSpan.FromSeconds(1),
            },
            Replay = new ReplaySourceOptions { Files = ["data/prices.csv"], Speed = -1, UpdatesPerCandle = 0, Backfill = TimeSpan.FromHours(-1) },
            Synthetic = new SyntheticSourceOptions { SymbolCount = 0, UpdatesPerSecond = 0 },
        };

        var problems = o.Validate().ToList();

        problems.Should().HaveCount(16).And.Contain(
        [
            "MarketData:Symbols:0 'btcusdt' is not a symbol: a symbol is 2 to 20 upper-case letters or digits, such as BTCUSDT.",
            "MarketData:Symbols:3 'B' is not a symbol: a symbol is 2 to 20 upper-case letters or digits, such as BTCUSDT.",
            "MarketData:Symbols lists 'BTCUSDT' 2 times.",
            "MarketData:BufferCapacity must be between 2 and 1000000 (is 0).",
            "MarketData:BackfillLookback -00:01:00 must be zero or positive.",
            "MarketData:Binance:RestBaseUrl 'api.binance.com' must be an absolute http or https URL.",
            "MarketData:Binance:WebSocketBaseUrl 'https://stream.binance.com' must be an absolute ws or wss URL.",
            "MarketData:Binance:SilenceTimeout 00:00:00 must be positive.",
            "MarketData:Binance:ReconnectMaxDelay 00:00:01 is shorter than ReconnectMinDelay 00:00:10.",
            "MarketData:Replay:Speed -1 must be 0 (as fast as possible) or a positive multiple of real time.",
            "MarketData:Replay:UpdatesPerCandle 0 must be between 1 and 1000.",
            "MarketData:Replay:Backfill -01:00:00 must be zero or positive.",
            "MarketData:Synthetic:SymbolCount 0 must be between 1 and 999.",
            "MarketData:Synthetic:UpdatesPerSecond 0 must be positive.",
        ]);
        problems.Should().Contain(f => f.StartsWith("MarketData:Intervals:1 '7m' is not a Binance interval; use one of 1s, 1m"));
        problems.Should().Contain(f => f.StartsWith("MarketData:Replay:Files:0 'data/prices.csv' must be named SYMBOL-INTERVAL"));
    }

    [Fact]
    public void Starting_with_a_bad_section_fails_with_every_message_including_unconvertible_values()
    {
        using var harness = new OptionsOnly(new()
        {
            ["MarketData:Source"] = "Kraken",
            ["MarketData:Symbols:0"] = "BTC-USDT",
            ["MarketData:Intervals:0"] = "2m",
        });

        var act = () => harness.Options;

        var failures = act.Should().Throw<OptionsValidationException>().Which.Failures.ToList();
        failures.Should().HaveCount(3);
        failures.Should().Contain(f => f.Contains("'Kraken'") && f.Contains("MarketData:Source"));
    }

    [Theory]
    [InlineData("SampleData/BTCUSDT-1m-2023-03.csv.gz", "BTCUSDT", "1m")]
    [InlineData("/data/ETHUSDT-4h.csv", "ETHUSDT", "4h")]
    [InlineData("LTCUSDT-1M-2024.CSV", "LTCUSDT", "1M")]
    public void Replay_file_names_declare_symbol_and_interval(string path, string symbol, string interval)
    {
        ReplayFile.TryParseName(path, out var s, out var i).Should().BeTrue();
        s.Should().Be(symbol);
        i.ToCode().Should().Be(interval);
    }

    [Theory]
    [InlineData("btcusdt-1m.csv")]
    [InlineData("BTCUSDT.csv")]
    [InlineData("BTCUSDT-2m.csv")]
    [InlineData("BTCUSDT-1m.parquet")]
    public void Replay_file_names_without_symbol_and_interval_are_refused(string path) =>
        ReplayFile.TryParseName(path, out _, out _).Should().BeFalse();

    /// <summary>Just the options part of <see cref="MarketDataServiceCollectionExtensions.AddMarketData"/>.</summary>
    private sealed class OptionsOnly(Dictionary<string, string?> settings) : IDisposable
    {
        private readonly ServiceProvider _services = Build(settings);

        public MarketDataOptions Options => _services.GetRequiredService<IOptions<MarketDataOptions>>().Value;

        private static ServiceProvider Build(Dictionary<string, string?> settings)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection();
            services.AddMarketData(configuration);
            return services.BuildServiceProvider();
        }

        public void Dispose() => _services.Dispose();
    }
}
