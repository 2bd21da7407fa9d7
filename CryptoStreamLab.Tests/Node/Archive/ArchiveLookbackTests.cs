using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoStreamLab.Tests.Node.Archive;

/// <summary>
/// Older candles for the charts' scroll-back: the right candles before a time, and indicators equal to those of one
/// engine run over the whole series, read from the archive (and the live buffer) a chunk at a time.
/// </summary>
public sealed class ArchiveLookbackTests : IDisposable
{
    private static readonly StreamKey Ltc = CsvCandleFeeder.Stream;
    private static readonly IReadOnlyList<Candle> Sample = CsvCandleFeeder.SampleCandles;
    private readonly string _root = Directory.CreateTempSubdirectory("candle-history-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_chunk_is_the_newest_candles_opening_before_the_time_oldest_first()
    {
        await WriteDays(Sample);

        var chunk = await History().ReadAsync(Ltc, before: Sample[2_000].OpenTime, count: 500);

        chunk.Points.Select(p => p.Candle).Should().Equal(Sample.Skip(1_500).Take(500));
        chunk.More.Should().BeTrue("1,500 older candles remain");
        chunk.Error.Should().BeNull();
    }

    [Fact]
    public async Task Before_is_exclusive_and_need_not_be_a_candles_open_time()
    {
        await WriteDays(Sample);

        (await History().ReadAsync(Ltc, Sample[1_000].OpenTime, 10)).Points.Select(p => p.Candle).Should().Equal(Sample.Skip(990).Take(10));
        (await History().ReadAsync(Ltc, Sample[1_000].OpenTime + 1, 10)).Points.Select(p => p.Candle).Should().Equal(Sample.Skip(991).Take(10));
        (await History().ReadAsync(Ltc, long.MaxValue, 10)).Points.Select(p => p.Candle).Should().Equal(Sample.TakeLast(10));
    }

    [Fact]
    public async Task Nothing_older_gives_an_empty_chunk_with_nothing_more()
    {
        await WriteDays(Sample.Take(100).ToList());

        var before = await History().ReadAsync(Ltc, Sample[0].OpenTime, 500);
        before.Points.Should().BeEmpty();
        before.More.Should().BeFalse();

        var missingFolder = new ArchiveLookback(new CandleArchiveReader(Path.Combine(_root, "none"), NullLogger.Instance), new StrategyOptions(), NullLogger.Instance);
        (await missingFolder.ReadAsync(Ltc, long.MaxValue)).Should().BeEquivalentTo(new LookbackPage([], false));
        (await History().ReadAsync(new StreamKey("ETHUSDT", KlineInterval.OneMinute), long.MaxValue)).Points.Should().BeEmpty();
    }

    [Theory]
    [InlineData(RsiMethod.Simple)]
    [InlineData(RsiMethod.Wilder)]
    public async Task Indicators_equal_those_of_an_engine_over_the_whole_series(RsiMethod method)
    {
        await WriteDays(Sample);
        var strategy = new StrategyOptions { RsiMethod = method };
        var reference = WholeSeries(strategy);

        var chunk = await History(strategy).ReadAsync(Ltc, Sample[2_000].OpenTime, 500);

        chunk.Points.Should().HaveCount(500);
        for (var i = 0; i < chunk.Points.Count; i++)
        {
            var (point, expected) = (chunk.Points[i], reference[1_500 + i]);
            point.Candle.OpenTime.Should().Be(expected.Candle.OpenTime);
            // Both averages and the Simple RSI need only their window before the chunk: the same numbers exactly.
            point.FastMa.Should().Be(expected.FastMa, $"MA fast at {i}");
            point.SlowMa.Should().Be(expected.SlowMa, $"MA slow at {i}");
            if (method == RsiMethod.Simple) point.Rsi.Should().Be(expected.Rsi, $"RSI at {i}");
            else point.Rsi.Should().BeApproximately(expected.Rsi, 1e-6, $"Wilder's RSI at {i}, warmed up over {CrossoverRsiStrategy.WilderPeriods} periods");
        }
    }

    [Theory]
    [InlineData(RsiMethod.Simple)]
    [InlineData(RsiMethod.Wilder)]
    public async Task A_chunk_that_reaches_the_first_candle_starts_the_indicators_where_the_series_does(RsiMethod method)
    {
        await WriteDays(Sample);
        var strategy = new StrategyOptions { RsiMethod = method };
        var reference = WholeSeries(strategy);

        var chunk = await History(strategy).ReadAsync(Ltc, Sample[300].OpenTime, 500);

        chunk.More.Should().BeFalse("the archive holds nothing before its first candle");
        chunk.Points.Select(p => (p.Candle, p.FastMa, p.SlowMa, p.Rsi))
            .Should().Equal(reference.Take(300).Select(e => (e.Candle, e.FastMa, e.SlowMa, e.Rsi)),
                (a, b) => a.Candle == b.Candle && Same(a.FastMa, b.FastMa) && Same(a.SlowMa, b.SlowMa) && Same(a.Rsi, b.Rsi));
        double.IsNaN(chunk.Points[18].FastMa).Should().BeTrue("the 20-candle average is not ready before the stream's 20th candle");
        double.IsNaN(chunk.Points[19].FastMa).Should().BeFalse();
    }

    [Fact]
    public async Task Chunk_after_chunk_reads_the_whole_archive_once_and_then_stops()
    {
        await WriteDays(Sample);
        var history = History();
        var read = new List<Candle>();
        var before = long.MaxValue;
        var requests = 0;
        LookbackPage chunk;
        do
        {
            chunk = await history.ReadAsync(Ltc, before, 500);
            requests++;
            read.InsertRange(0, chunk.Points.Select(p => p.Candle));
            if (chunk.Points.Count > 0) before = chunk.Points[0].Candle.OpenTime;
        }
        while (chunk.More && requests < 20);

        read.Should().Equal(Sample, "each chunk ends where the next began, with no candle twice or missing");
        requests.Should().Be(6, "six chunks of 500 cover 3,000 candles, the last one knowing it reached the start");
    }

    [Fact]
    public async Task The_live_buffers_closed_candles_fill_in_what_the_archive_lacks()
    {
        await WriteDays(Sample.Take(1_000).ToList());
        var buffer = Sample.Skip(900).Take(300).Append(Sample[1_200] with { IsClosed = false }).ToList();
        var history = new ArchiveLookback(Reader(), new StrategyOptions(), NullLogger.Instance, key => key == Ltc ? buffer : []);
        var reference = WholeSeries(new StrategyOptions());

        var chunk = await history.ReadAsync(Ltc, long.MaxValue, 500);

        chunk.Points.Select(p => p.Candle).Should().Equal(Sample.Skip(700).Take(500), "the open candle is not history yet");
        chunk.Points.Select(p => p.SlowMa).Should().Equal(reference.Skip(700).Take(500).Select(e => e.SlowMa));
    }

    [Fact]
    public async Task A_request_returns_at_most_the_maximum_count()
    {
        await WriteDays(Sample);

        (await History().ReadAsync(Ltc, long.MaxValue, 5_000)).Points.Should().HaveCount(ArchiveLookback.MaxCount);
    }

    private static bool Same(double a, double b) => a.Equals(b); // NaN equals NaN

    private static Evaluation[] WholeSeries(StrategyOptions strategy)
    {
        var engine = new StreamEngine(Ltc, new EngineSettings(strategy, new TradingOptions(), Sample.Count));
        foreach (var candle in Sample) engine.Apply(candle);
        return engine.Evaluations.ToArray();
    }

    private CandleArchiveReader Reader() => new(_root, NullLogger.Instance);

    private ArchiveLookback History(StrategyOptions? strategy = null) => new(Reader(), strategy ?? new StrategyOptions(), NullLogger.Instance);

    private async Task WriteDays(IReadOnlyList<Candle> candles)
    {
        foreach (var day in candles.GroupBy(c => ArchiveLayout.PartitionOf(c.Symbol, c.Interval, c.OpenTime)))
            await ParquetCandleFile.WriteAsync(Path.Combine(_root, day.Key), day.ToList());
    }
}
