using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Core.Engine;

/// <summary>
/// The engine's view of one candle: indicators (NaN while not ready), the strategy's signal, what the
/// account did and the account after it. A preview is the still-open candle, evaluated without acting.
/// </summary>
public readonly record struct Evaluation(
    Candle Candle,
    double FastMa,
    double SlowMa,
    double Rsi,
    Signal Signal,
    Signal Action,
    Fill? Fill,
    decimal Cash,
    decimal Quantity,
    decimal Equity,
    bool IsPreview);

/// <summary>What one update did: the buffer's outcome, a previous candle committed on the way, and the current candle's evaluation.</summary>
public readonly record struct EngineUpdate(UpsertOutcome Outcome, Evaluation? CommittedPrevious, Evaluation? Current)
{
    public bool Changed => Outcome is UpsertOutcome.OpenUpdated or UpsertOutcome.Committed;
}
