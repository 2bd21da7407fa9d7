using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Core.Engine;

/// <summary>
/// One stream's pipeline: candle buffer → SMA fast/slow and RSI → strategy → paper account. The live
/// consumer and the backtester both drive this class, so they cannot disagree. O(1) and allocation-free
/// per update; not thread-safe (one writer per stream).
/// </summary>
public sealed class StreamEngine
{
    private readonly SimpleMovingAverage _fast;
    private readonly SimpleMovingAverage _slow;
    private readonly RelativeStrengthIndex _rsi;
    private readonly CrossoverRsiStrategy _strategy;
    private long _tradesAfter = long.MinValue;

    // Side of fast vs slow after the last committed candle (see Crossover): the "previous" of the next one.
    private int _side;

    public StreamEngine(StreamKey key, EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(settings));

        Key = key;
        Settings = settings;
        Buffer = new CandleBuffer(settings.BufferCapacity);
        Evaluations = new EvaluationBuffer(settings.BufferCapacity);
        _fast = new SimpleMovingAverage(settings.Strategy.FastPeriod);
        _slow = new SimpleMovingAverage(settings.Strategy.SlowPeriod);
        _rsi = new RelativeStrengthIndex(settings.Strategy.RsiPeriod, settings.Strategy.RsiMethod);
        _strategy = new CrossoverRsiStrategy(settings.Strategy);
        Account = new PaperAccount(settings.Trading);
    }

    public StreamKey Key { get; }

    public EngineSettings Settings { get; }

    public CandleBuffer Buffer { get; }

    /// <summary>Committed evaluations, oldest first.</summary>
    public EvaluationBuffer Evaluations { get; }

    public PaperAccount Account { get; }

    /// <summary>The open candle's latest preview, or null when the newest candle is closed.</summary>
    public Evaluation? OpenPreview => _hasPreview ? _preview : null;

    /// <summary>The newest evaluation: the open candle's preview if there is one, else the last committed.</summary>
    public Evaluation? Latest => OpenPreview ?? (Evaluations.Count > 0 ? Evaluations[Evaluations.Count - 1] : null);

    private Evaluation _preview;
    private bool _hasPreview;

    /// <param name="eventTime">When the update was made at its source (epoch ms), or 0 when unknown; see <see cref="CandleBuffer.Upsert"/>.</param>
    public EngineUpdate Apply(in Candle candle, long eventTime = 0)
    {
        if (candle.Symbol != Key.Symbol || candle.Interval != Key.Interval)
            throw new ArgumentException($"A {candle.Stream} candle was sent to the {Key} engine.", nameof(candle));

        var result = Buffer.Upsert(candle, eventTime);
        if (result.CommittedPrevious) Commit(Buffer[Buffer.Count - 2]);
        if (result.Outcome == UpsertOutcome.Committed) Commit(Buffer.Newest);
        else if (result.Outcome == UpsertOutcome.OpenUpdated) Preview(Buffer.Newest);
        return new EngineUpdate(this, result.Outcome, result.CommittedPrevious);
    }

    /// <summary>
    /// Puts the account back as it was after the candle opening at <paramref name="asOfOpenTime"/>:
    /// candles up to that one then only warm the indicators, so replaying them after a restart never trades twice.
    /// </summary>
    public void RestoreAccount(AccountState state, long asOfOpenTime)
    {
        Account.Restore(state);
        _tradesAfter = asOfOpenTime;
    }

    /// <summary>Starts the account afresh from the starting balance; the indicators keep their history.</summary>
    public void ResetAccount(long asOfOpenTime)
    {
        Account.Reset();
        _tradesAfter = asOfOpenTime;
    }

    private void Commit(in Candle candle)
    {
        _hasPreview = false;
        var close = PriceTicks.FromDecimal(candle.Close);
        var previousSide = _side;
        _fast.UpdateTicks(close);
        _slow.UpdateTicks(close);
        _rsi.UpdateTicks(close);
        _side = Crossover.Side(_fast, _slow);
        var fast = _fast.Value;
        var slow = _slow.Value;
        var rsi = _rsi.Value;
        var signal = _strategy.Evaluate(previousSide, _side, rsi);
        var fill = candle.OpenTime > _tradesAfter ? Account.Execute(signal, candle.OpenTime, candle.Close) : null;
        var action = fill is { } f ? (f.Side == TradeSide.Buy ? Signal.Buy : Signal.Sell) : Signal.Hold;
        Evaluations.Append() = new Evaluation(candle, fast, slow, rsi, signal, action, fill, Account.Cash, Account.Quantity,
            Account.EquityAt(candle.Close), IsPreview: false);
    }

    private void Preview(in Candle candle)
    {
        var close = PriceTicks.FromDecimal(candle.Close);
        var fast = _fast.PreviewTicks(close);
        var slow = _slow.PreviewTicks(close);
        var rsi = _rsi.PreviewTicks(close);
        // What the strategy would say if the candle closed now; the account acts only on the close.
        var signal = _strategy.Evaluate(_side, Crossover.PreviewSide(_fast, _slow, close), rsi);
        _preview = new Evaluation(candle, fast, slow, rsi, signal, Signal.Hold, null, Account.Cash, Account.Quantity,
            Account.EquityAt(candle.Close), IsPreview: true);
        _hasPreview = true;
    }
}
