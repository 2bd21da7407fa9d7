using System.Text;
using System.Text.Json;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Node.Wire;


namespace CryptoStreamLab.Tests.Node.Wire;

public sealed class KlineCodecTests
{
    private static readonly Candle Sample = new("BTCUSDT", KlineInterval.FiveMinutes, 1769904000000, 1769904299999,
        97000.10m, 97100.00m, 96900.25m, 97050.5m, 12.345m, 1198765.4321m, 1234, IsClosed: false);

    [Fact]
    public void A_candle_is_written_with_the_seed_field_names_and_numbers_for_decimals()
    {
        using var json = JsonDocument.Parse(KlineCodec.Serialize(Sample, eventTime: 1769904012345));
        var root = json.RootElement;

        root.EnumerateObject().Select(p => p.Name).Should().Equal("timestamp", "open", "high", "low", "close", "volume",
            "symbol", "interval", "closeTime", "quoteVolume", "trades", "isClosed", "eventTime");
        root.GetProperty("timestamp").GetInt64().Should().Be(Sample.OpenTime);
        root.GetProperty("open").GetRawText().Should().Be("97000.10", "decimals keep their scale and are not quoted");
        root.GetProperty("quoteVolume").GetDecimal().Should().Be(Sample.QuoteVolume);
        root.GetProperty("interval").GetString().Should().Be("5m");
        root.GetProperty("isClosed").GetBoolean().Should().BeFalse();
        root.GetProperty("eventTime").GetInt64().Should().Be(1769904012345);
    }

    [Fact]
    public void A_written_candle_reads_back_identically()
    {
        var bytes = KlineCodec.Serialize(Sample, 42);

        KlineCodec.TryDeserialize(bytes, 64 * 1024, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out var candle, out var eventTime).Should().BeNull();

        candle.Should().Be(Sample);
        eventTime.Should().Be(42);
    }

    [Fact]
    public void Optional_fields_default_so_a_seed_style_message_works()
    {
        var bytes = """{"timestamp":1769904000000,"open":1.5,"high":2,"low":1,"close":1.75,"volume":3,"symbol":"LTCUSDT","interval":"1h"}"""u8;

        KlineCodec.TryDeserialize(bytes, 64 * 1024, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out var candle, out var eventTime).Should().BeNull();

        candle.CloseTime.Should().Be(1769904000000 + 3_600_000 - 1);
        candle.IsClosed.Should().BeTrue();
        candle.QuoteVolume.Should().Be(0);
        candle.TradeCount.Should().Be(0);
        eventTime.Should().Be(0);
    }

    [Theory]
    [InlineData("not json", "invalid JSON")]
    [InlineData("null", "invalid JSON")]
    [InlineData("""{"timestamp":1769904000000,"open":1,"high":2,"low":1,"volume":3,"symbol":"AB","interval":"1m"}""", "close")]
    [InlineData("""{"timestamp":"soon","open":1,"high":2,"low":1,"close":1,"volume":3,"symbol":"AB","interval":"1m"}""", "timestamp")]
    [InlineData("""{"timestamp":1769904000000,"open":NaN,"high":2,"low":1,"close":1,"volume":3,"symbol":"AB","interval":"1m"}""", "invalid JSON")]
    [InlineData("""{"timestamp":1769904000000,"open":"Infinity","high":2,"low":1,"close":1,"volume":3,"symbol":"AB","interval":"1m"}""", "open")]
    [InlineData("""{"timestamp":1769904000000,"open":1e400,"high":2,"low":1,"close":1,"volume":3,"symbol":"AB","interval":"1m"}""", "open")]
    [InlineData("""{"timestamp":1769904000000,"open":0,"high":2,"low":1,"close":1,"volume":3,"symbol":"AB","interval":"1m"}""", "positive")]
    [InlineData("""{"timestamp":1769904000000,"open":1,"high":2,"low":-1,"close":1,"volume":3,"symbol":"AB","interval":"1m"}""", "positive")]
    [InlineData("""{"timestamp":1769904000000,"open":1,"high":1,"low":2,"close":1,"volume":3,"symbol":"AB","interval":"1m"}""", "below low")]
    [InlineData("""{"timestamp":1769904000000,"open":1,"high":2,"low":1,"close":1,"volume":3,"symbol":"AB","interval":"2m"}""", "unknown interval '2m'")]
    [InlineData("""{"timestamp":1769904000000,"open":1,"high":2,"low":1,"close":1,"volume":3,"symbol":"","interval":"1m"}""", "symbol")]
    [InlineData("""{"timestamp":-5,"open":1,"high":2,"low":1,"close":1,"volume":3,"symbol":"AB","interval":"1M"}""", "out of range")]
    [InlineData("""{"timestamp":1769904000000,"open":1,"high":2,"low":1,"close":1,"volume":3,"symbol":"../../../fuzz-escape","interval":"1m"}""", "symbol '../../../fuzz-escape' is not valid")]
    [InlineData("""{"timestamp":1769904000000,"open":1,"high":2,"low":1,"close":1,"volume":3,"symbol":"btc-usdt","interval":"1m"}""", "symbol 'btc-usdt' is not valid")]
    [InlineData("""{"timestamp":1769904000000,"open":1,"high":2,"low":1,"close":1,"volume":3,"symbol":"BTC\u0000USDT","interval":"1m"}""", "symbol 'BTC\\u0000USDT' is not valid")]
    [InlineData("""{"timestamp":1769904000000,"open":1,"high":2,"low":1,"close":1,"volume":3,"symbol":"ABCDEFGHIJKLMNOPQRSTU","interval":"1m"}""", "2 to 20 upper-case letters")]
    [InlineData("""{"timestamp":1769904030000,"open":1,"high":2,"low":1,"close":1,"volume":3,"symbol":"BTCUSDT","interval":"1m"}""", "is not on a 1m boundary")]
    [InlineData("""{"timestamp":1769904000000,"open":1,"high":2,"low":1,"close":1,"volume":3,"symbol":"BTCUSDT","interval":"1w"}""", "is not on a 1w boundary")]
    [InlineData("""{"timestamp":3993148800000,"open":1,"high":2,"low":1,"close":1,"volume":3,"symbol":"BTCUSDT","interval":"1m"}""", "is in the future")]
    [InlineData("""{"timestamp":1769904000000,"open":1,"high":100000000000,"low":1,"close":1,"volume":3,"symbol":"BTCUSDT","interval":"1m"}""", "largest price the engine can represent")]
    [InlineData("""{"timestamp":1769904000000,"open":1e-9,"high":1e-9,"low":1e-9,"close":1e-9,"volume":3,"symbol":"BTCUSDT","interval":"1m"}""", "smallest price the engine can represent")]
    public void Bad_values_are_rejected_with_a_reason(string value, string reason)
    {
        KlineCodec.TryDeserialize(Encoding.UTF8.GetBytes(value), 64 * 1024, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out _, out _).Should().Contain(reason);
    }

    [Fact]
    public void An_oversized_value_is_rejected_before_parsing()
    {
        var bytes = KlineCodec.Serialize(Sample, 0);

        KlineCodec.TryDeserialize(bytes, bytes.Length - 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out _, out _).Should().Contain($"above the {bytes.Length - 1}-byte limit");
        KlineCodec.TryDeserialize(bytes, bytes.Length, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out _, out _).Should().BeNull();
    }
}

