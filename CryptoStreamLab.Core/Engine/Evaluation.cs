using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Core.Engine;

/// <summary>
/// The engine's view of one candle: the strategy's series (named by its <see cref="IStrategy.Series"/>, NaN while not
/// ready), its signal and reason, what the account did and the account after it. A preview is the still-open candle,
/// evaluated without acting.
/// </summary>
public readonly record struct Evaluation(
    Candle Candle,
    SeriesValues Series,
    Signal Signal,
    Signal Action,
    Fill? Fill,
    decimal Cash,
    decimal Quantity,
    decimal Equity,
    bool IsPreview,
    string Reason = "")
{
    /// <summary>The seed's fast average (its first series).</summary>
    public double FastMa => Series[CrossoverRsiStrategy.FastSlot];

    /// <summary>The seed's slow average (its second series).</summary>
    public double SlowMa => Series[CrossoverRsiStrategy.SlowSlot];

    /// <summary>The seed's RSI (its third series).</summary>
    public double Rsi => Series[CrossoverRsiStrategy.RsiSlot];

    /// <summary>An evaluation with the seed's three series.</summary>
    public static SeriesValues SeedSeries(double fastMa, double slowMa, double rsi)
    {
        var series = SeriesValues.Empty;
        series[CrossoverRsiStrategy.FastSlot] = fastMa;
        series[CrossoverRsiStrategy.SlowSlot] = slowMa;
        series[CrossoverRsiStrategy.RsiSlot] = rsi;
        return series;
    }
}

/// <summary>
/// What one update did: the buffer's outcome, a previous candle committed on the way, and the current
/// candle's evaluation. The evaluations are read from the engine on demand (no large copies on the hot
/// path), so an update is only meaningful until the engine's next <see cref="StreamEngine.Apply"/>.
/// </summary>
public readonly struct EngineUpdate
{
    private readonly StreamEngine? _engine;

    internal EngineUpdate(StreamEngine engine, UpsertOutcome outcome, bool committedPrevious)
    {
        _engine = engine;
        Outcome = outcome;
        HasCommittedPrevious = committedPrevious;
    }

    public UpsertOutcome Outcome { get; }

    /// <summary>The previous candle never got its closing update and was committed by this one.</summary>
    public bool HasCommittedPrevious { get; }

    public bool Changed => Outcome is UpsertOutcome.OpenUpdated or UpsertOutcome.Committed;

    /// <summary>The previous candle's evaluation when this update committed it.</summary>
    public Evaluation? CommittedPrevious
    {
        get
        {
            if (!HasCommittedPrevious || _engine is null) return null;
            var history = _engine.Evaluations;
            return history[history.Count - (Outcome == UpsertOutcome.Committed ? 2 : 1)];
        }
    }

    /// <summary>The updated candle's evaluation: committed when it closed, a preview while open, null when nothing changed.</summary>
    public Evaluation? Current => Outcome switch
    {
        UpsertOutcome.Committed => _engine!.Evaluations[_engine.Evaluations.Count - 1],
        UpsertOutcome.OpenUpdated => _engine!.OpenPreview,
        _ => null,
    };
}
