using System.Diagnostics;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>Summary of one backtest run.</summary>
public sealed record BacktestSummary(
    StreamKey Stream,
    int Candles,
    IReadOnlyList<Fill> Fills,
    decimal StartingBalance,
    decimal FinalCash,
    decimal FinalQuantity,
    decimal FinalEquity,
    decimal FeesPaid,
    BacktestStatistics Statistics,
    TimeSpan Elapsed)
{
    public double CandlesPerSecond => Elapsed > TimeSpan.Zero ? Candles / Elapsed.TotalSeconds : double.PositiveInfinity;
}

/// <summary>
/// Runs closed candles through the same <see cref="StreamEngine"/> the live consumer uses, keeping the run's
/// <see cref="BacktestStatistics"/> with a per-candle <see cref="StatisticsAccumulator"/> rather than a list of every evaluation.
/// </summary>
public static class Backtester
{
    /// <param name="onEvaluation">Called for every closed candle, in order (for writing rows or drawing curves).</param>
    public static BacktestSummary Run(
        StreamKey stream,
        EngineSettings settings,
        IEnumerable<Candle> candles,
        Action<Evaluation>? onEvaluation = null,
        CancellationToken cancellationToken = default)
    {
        var engine = new StreamEngine(stream, settings);
        var statistics = new StatisticsAccumulator(stream.Interval, settings.Trading);
        var fills = new List<Fill>();
        var count = 0;
        decimal lastClose = 0;
        var clock = Stopwatch.StartNew();
        foreach (var candle in candles)
        {
            if ((count & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var update = engine.Apply(candle.IsClosed ? candle : candle.AsClosed());
            var history = engine.History;
            if (update.HasCommittedPrevious) Record(history[history.Count - (update.Outcome == UpsertOutcome.Committed ? 2 : 1)]);
            if (update.Outcome == UpsertOutcome.Committed) Record(history[history.Count - 1]);
        }

        clock.Stop();
        var account = engine.Account;
        return new BacktestSummary(stream, count, fills, account.StartingBalance, account.Cash, account.Quantity,
            account.EquityAt(lastClose), account.FeesPaid, statistics.Result(), clock.Elapsed);

        void Record(in Evaluation evaluation)
        {
            count++;
            lastClose = evaluation.Candle.Close;
            statistics.Add(evaluation);
            if (evaluation.Fill is { } fill) fills.Add(fill);
            onEvaluation?.Invoke(evaluation);
        }
    }
}
