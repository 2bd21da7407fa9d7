using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Node.Archive;

/// <summary>
/// An older candle with the strategy's series and signal as the engine computes them (NaN where the stream was too short).
/// </summary>
public readonly record struct LookbackPoint(Candle Candle, SeriesValues Series, Signal Signal = Signal.Hold)
{
    /// <summary>The seed strategy's fast average (its first series).</summary>
    public double FastMa => Series[CrossoverRsiStrategy.FastSlot];

    /// <summary>The seed strategy's slow average.</summary>
    public double SlowMa => Series[CrossoverRsiStrategy.SlowSlot];

    /// <summary>The seed strategy's RSI.</summary>
    public double Rsi => Series[CrossoverRsiStrategy.RsiSlot];
}

/// <summary>
/// Up to the requested number of candles opening before a time, oldest first, with their indicators. <see cref="More"/>
/// is false once the oldest candle known was reached (nothing older to ask for); <see cref="Error"/> says why nothing
/// could be read.
/// </summary>
public sealed record LookbackPage(IReadOnlyList<LookbackPoint> Points, bool More, string? Error = null)
{
    public static LookbackPage Failed(string error) => new([], false, error);
}

/// <summary>
/// A stream's candles from before a given time — the archive's, and the closed ones of the live buffer (a node that does
/// not write the archive still has those) — with the series a strategy's <see cref="StreamEngine"/> gives them. The indicators of the oldest candles of a chunk depend on the candles before it, so each chunk is read with the
/// warm-up <see cref="Core.Backtesting.WarmUp"/> states for every run over a range before it, a fresh engine runs over
/// both, and only the chunk is returned. A chunk that reaches the stream's first known candle starts the engine there, as
/// the live engine did: exact too.
/// </summary>
public sealed class ArchiveLookback
{
    /// <summary>Candles a chart loads per step.</summary>
    public const int ChunkSize = 500;

    /// <summary>The most candles one request returns.</summary>
    public const int MaxCount = 1_000;

    private readonly CandleArchiveReader _reader;
    private readonly Func<StreamKey, IReadOnlyList<Candle>> _buffered;
    private readonly StrategySetup _strategy;
    private readonly ILogger _logger;

    /// <param name="strategy">Whose series the points carry unless a read names another.</param>
    /// <param name="buffered">The stream's live buffer (closed candles are taken from it too); none when null.</param>
    public ArchiveLookback(CandleArchiveReader reader, StrategySetup strategy, ILogger logger, Func<StreamKey, IReadOnlyList<Candle>>? buffered = null)
    {
        _ = strategy.Create(); // refuses unusable parameters here rather than on the first read
        _reader = reader;
        _strategy = strategy;
        _logger = logger;
        _buffered = buffered ?? (_ => []);
    }

    /// <param name="strategy">The seed strategy's options.</param>
    public ArchiveLookback(CandleArchiveReader reader, StrategyOptions strategy, ILogger logger, Func<StreamKey, IReadOnlyList<Candle>>? buffered = null)
        : this(reader, StrategySetup.Seed(Valid(strategy)), logger, buffered)
    {
    }

    /// <summary>The app's: its archive folder (read whether or not this node writes it), its streams' buffers, and their first strategy.</summary>
    public ArchiveLookback(CandleArchive archive, StreamDirectory market, ILogger<ArchiveLookback> logger)
        : this(archive.Reader, market.Lineup.Entries[0].Setup, logger, key => market.Contains(key) ? market.Snapshot(key).Candles : [])
    {
    }

    /// <summary>Candles read before each chunk so its first indicator values are those of the whole series (the default strategy's).</summary>
    public int WarmUp => _strategy.WarmUpPeriod;

    private static StrategyOptions Valid(StrategyOptions options)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        return options.Clone();
    }

    /// <summary>
    /// The newest <paramref name="count"/> (at most <see cref="MaxCount"/>) candles of <paramref name="key"/> opening
    /// before <paramref name="before"/> (epoch ms), oldest first, with their indicators. A failure to read the archive is
    /// logged and returned as <see cref="LookbackPage.Error"/>, never thrown.
    /// </summary>
    public Task<LookbackPage> ReadAsync(StreamKey key, long before, int count = ChunkSize, CancellationToken cancellation = default) =>
        ReadAsync(key, strategy: null, before, count, cancellation);

    /// <summary>The same, with <paramref name="strategy"/>'s series and signals (the stream's first strategy's when null).</summary>
    public async Task<LookbackPage> ReadAsync(StreamKey key, StrategySetup? strategy, long before, int count = ChunkSize,
        CancellationToken cancellation = default)
    {
        strategy ??= _strategy;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        count = Math.Min(count, MaxCount);
        var wanted = count + strategy.WarmUpPeriod;
        List<Candle> archived;
        try
        {
            archived = await _reader.ReadNewestAsync(key, wanted, before, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("Older candles of {Stream} could not be read from the archive: {Error}", key, e.Message);
            return LookbackPage.Failed($"The archive could not be read: {e.Message}");
        }

        var candles = Merge(archived, _buffered(key), before);
        if (candles.Count > wanted) candles.RemoveRange(0, candles.Count - wanted);
        // Fewer than asked for: the series starts within them, and nothing older is known.
        var more = candles.Count == wanted;
        return new LookbackPage(Evaluate(key, strategy, candles, Math.Min(count, candles.Count)), more);
    }

    // Oldest first, one candle per open time; the live buffer's closed candles fill in what the archive lacks (not flushed
    // yet, or a node that does not write it).
    private static List<Candle> Merge(List<Candle> archived, IReadOnlyList<Candle> buffered, long before)
    {
        var candles = new List<Candle>(archived.Count + buffered.Count);
        foreach (var candle in archived) candles.Add(candle.AsClosed());
        foreach (var candle in buffered)
        {
            if (candle.IsClosed && candle.OpenTime < before) candles.Add(candle);
        }
        return CandleOrder.ByOpenTimeUnique(candles);
    }

    // A fresh engine over warm-up and chunk; the last `count` evaluations are the chunk's. Its paper account is not used.
    private static LookbackPoint[] Evaluate(StreamKey key, StrategySetup strategy, List<Candle> candles, int count)
    {
        if (candles.Count == 0) return [];
        var capacity = Math.Max(candles.Count, Math.Max(strategy.SeedOptions?.SlowPeriod ?? 0, 1) + 1);
        var engine = new StreamEngine(key, EngineSettings.For(strategy, new TradingOptions(), capacity));
        foreach (var candle in candles) engine.Apply(candle);
        var history = engine.Evaluations;
        var points = new LookbackPoint[count];
        for (var i = 0; i < count; i++)
        {
            ref readonly var evaluation = ref history[history.Count - count + i];
            points[i] = new LookbackPoint(evaluation.Candle, evaluation.Series, evaluation.Signal);
        }
        return points;
    }
}
