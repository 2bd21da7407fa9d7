using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Core.Engine;

/// <summary>
/// One stream's pipeline for one strategy: candle buffer → strategy (its own indicators) → paper account. The live
/// consumer and the backtester both drive this class, so they cannot disagree. O(1) and allocation-free
/// per update for strategies that are; not thread-safe (one writer per stream).
/// </summary>
public sealed class StreamEngine
{
    private readonly IStrategy _strategy;
    private long _tradesAfter = long.MinValue;

    public StreamEngine(StreamKey key, EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(settings));

        Key = key;
        Settings = settings;
        Buffer = new CandleBuffer(settings.BufferCapacity);
        Evaluations = new EvaluationBuffer(settings.BufferCapacity);
        _strategy = settings.Setup.Create();
        if (_strategy.Series.Count > SeriesValues.Capacity)
            throw new ArgumentException($"Strategy {settings.Setup.Name} declares {_strategy.Series.Count} series; at most {SeriesValues.Capacity} are drawn.", nameof(settings));
        Account = new PaperAccount(settings.Trading);
    }

    public StreamKey Key { get; }

    public EngineSettings Settings { get; }

    /// <summary>The series the strategy draws, in the order of <see cref="Evaluation.Series"/>.</summary>
    public IReadOnlyList<SeriesSpec> Series => _strategy.Series;

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
        var series = SeriesValues.Empty;
        var decision = _strategy.OnCandle(candle, series);
        var fill = candle.OpenTime > _tradesAfter ? Account.Execute(decision.Signal, candle.OpenTime, candle.Close) : null;
        var action = fill is { } f ? (f.Side == TradeSide.Buy ? Signal.Buy : Signal.Sell) : Signal.Hold;
        Evaluations.Append() = new Evaluation(candle, series, decision.Signal, action, fill, Account.Cash, Account.Quantity,
            Account.EquityAt(candle.Close), IsPreview: false, decision.Reason);
    }

    private void Preview(in Candle candle)
    {
        // What the strategy would say if the candle closed now; the account acts only on the close.
        var series = SeriesValues.Empty;
        var decision = _strategy.Preview(candle, series);
        _preview = new Evaluation(candle, series, decision.Signal, Signal.Hold, null, Account.Cash, Account.Quantity,
            Account.EquityAt(candle.Close), IsPreview: true, decision.Reason);
        _hasPreview = true;
    }
}
