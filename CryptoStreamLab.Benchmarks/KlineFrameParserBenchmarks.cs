using System.Text;
using BenchmarkDotNet.Attributes;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Ingest.Binance;

namespace CryptoStreamLab.Benchmarks;

/// <summary>
/// Kline frames parsed per second by the Binance WebSocket client's parser: combined-stream envelopes as Binance
/// sends them, cycling through 16 symbols so the symbol cache is exercised as on a multi-stream connection.
/// Each invocation parses <see cref="FramesPerOperation"/> frames and declares them as operations, so the reported
/// mean and allocation are per frame.
/// </summary>
[MemoryDiagnoser]
public class KlineFrameParserBenchmarks
{
    public const int FramesPerOperation = 1024;

    private static readonly string[] Symbols =
    [
        "BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT", "DOGEUSDT", "AVAXUSDT",
        "DOTUSDT", "LINKUSDT", "LTCUSDT", "NEARUSDT", "TRXUSDT", "ATOMUSDT", "UNIUSDT", "ETCUSDT",
    ];

    private byte[][] _frames = [];
    private BinanceKlineFrameParser _parser = new();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _frames = Enumerable.Range(0, FramesPerOperation).Select(i =>
        {
            var symbol = Symbols[i % Symbols.Length];
            var open = Math.Round(20_000m + (decimal)random.NextDouble() * 50_000m, 2);
            var close = open + 12.34m;
            var t = 1_767_225_600_000L + i / Symbols.Length * 60_000L;
            return Encoding.UTF8.GetBytes(
                $$$"""{"stream":"{{{symbol.ToLowerInvariant()}}}@kline_1m","data":{"e":"kline","E":{{{t + 1234}}},"s":"{{{symbol}}}","k":{"t":{{{t}}},"T":{{{t + 59_999}}},"s":"{{{symbol}}}","i":"1m","f":4412001,"L":4412213,"o":"{{{open:F8}}}","c":"{{{close:F8}}}","h":"{{{close + 3.5m:F8}}}","l":"{{{open - 2.25m:F8}}}","v":"12.34567000","n":213,"x":{{{(i % 30 == 0 ? "true" : "false")}}},"q":"{{{(open * 12.34567m):F8}}}","V":"6.10000000","Q":"152341.22000000","B":"0"}""" + "}}");
        }).ToArray();
        _parser = new BinanceKlineFrameParser();
        if (_parser.Parse(_frames[0], out _, out _, out var error) != BinanceFrameKind.Kline)
            throw new InvalidOperationException($"benchmark frame does not parse: {error}");
    }

    [Benchmark(OperationsPerInvoke = FramesPerOperation, Description = "parse one combined-stream kline frame")]
    public decimal ParseFrame()
    {
        var sum = 0m;
        foreach (var frame in _frames)
        {
            _parser.Parse(frame, out Candle candle, out _, out _);
            sum += candle.Close;
        }
        return sum;
    }
}
