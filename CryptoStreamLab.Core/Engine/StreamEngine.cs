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

    public StreamEngine(StreamKey key, EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(settings));

        Key = key;
        Settings = settings;
        Buffer = new CandleBuffer(settings.BufferCapacity);
        History = new EvaluationHistory(settings.BufferCapacity);
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
    public EvaluationHistory History { get; }

    public PaperAccount Account { get; }

    /// <summary>The open candle's latest preview, or null when the newest candle is closed.</summary>
    public Evaluation? OpenPreview { get; private set; }

    /// <summary>The newest evaluation: the open candle's preview if there is one, else the last committed.</summary>
    public Evaluation? Latest => OpenPreview ?? (History.Count > 0 ? History[History.Count - 1] : null);

    public EngineUpdate Apply(in Candle candle)
    {
        if (candle.Symbol != Key.Symbol || candle.Interval != Key.Interval)
            throw new ArgumentException($"A {candle.Stream} candle was sent to the {Key} engine.", nameof(candle));

        var result = Buffer.Upsert(candle);
        Evaluation? previous = result.CommittedPrevious ? Commit(Buffer[Buffer.Count - 2]) : null;
        Evaluation? current = result.Outcome switch
        {
            UpsertOutcome.Committed => Commit(Buffer.Newest),
            UpsertOutcome.OpenUpdated => Preview(Buffer.Newest),
            _ => null,
        };
        return new EngineUpdate(result.Outcome, previous, current);
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

    private Evaluation Commit(in Candle candle)
    {
        OpenPreview = null;
        var close = candle.Close;
        var previousSide = Crossover.Side(_fast, _slow);
        _fast.Update(close);
        _slow.Update(close);
        _rsi.Update(close);
        var fast = _fast.Value;
        var slow = _slow.Value;
        var rsi = _rsi.Value;
        var signal = _strategy.Evaluate(previousSide, Crossover.Side(_fast, _slow), rsi);
        var fill = candle.OpenTime > _tradesAfter ? Account.Execute(signal, candle.OpenTime, candle.Close) : null;
        var action = fill is { } f ? (f.Side == TradeSide.Buy ? Signal.Buy : Signal.Sell) : Signal.Hold;
        var evaluation = new Evaluation(candle, fast, slow, rsi, signal, action, fill, Account.Cash, Account.Quantity,
            Account.EquityAt(candle.Close), IsPreview: false);
        History.Add(evaluation);
        return evaluation;
    }

    private Evaluation Preview(in Candle candle)
    {
        var close = candle.Close;
        var fast = _fast.Preview(close);
        var slow = _slow.Preview(close);
        var rsi = _rsi.Preview(close);
        // What the strategy would say if the candle closed now; the account acts only on the close.
        var signal = _strategy.Evaluate(Crossover.Side(_fast, _slow), Crossover.PreviewSide(_fast, _slow, close), rsi);
        var evaluation = new Evaluation(candle, fast, slow, rsi, signal, Signal.Hold, null, Account.Cash, Account.Quantity,
            Account.EquityAt(candle.Close), IsPreview: true);
        OpenPreview = evaluation;
        return evaluation;
    }
}
