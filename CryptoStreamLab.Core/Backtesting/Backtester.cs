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
        CancellationToken cancellationToken = default) =>
        Run(stream, settings, candles, TimeWindow.All, onEvaluation, cancellationToken);

    /// <summary>
    /// A run that trades over <paramref name="window"/> only. The <see cref="WarmUp.CandlesFor(Strategy.StrategySetup)"/>
    /// candles before it (fewer when <paramref name="candles"/> has fewer; older ones are skipped) go through the same engine to
    /// warm its indicators, with the account idle; the account starts fresh at the window's first candle. Warm-up candles are
    /// neither in the statistics nor passed to <paramref name="onEvaluation"/>; candles from the window's end on are not read.
    /// </summary>
    public static BacktestSummary Run(
        StreamKey stream,
        EngineSettings settings,
        IEnumerable<Candle> candles,
        TimeWindow window,
        Action<Evaluation>? onEvaluation = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var engine = new StreamEngine(stream, settings);
        if (!window.IsAll)
        {
            candles = CandleWindow.Select(candles, window, WarmUp.CandlesFor(settings.Setup));
            // Trades only on candles opening after this time, i.e. from the window's start on.
            if (window.From != long.MinValue) engine.ResetAccount(window.From - 1);
        }

        var statistics = new StatisticsAccumulator(stream.Interval, settings.Trading);
        var fills = new List<Fill>();
        var count = 0;
        decimal lastClose = 0;
        var clock = Stopwatch.StartNew();
        foreach (var candle in candles)
        {
            if ((count & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var update = engine.Apply(candle.IsClosed ? candle : candle.AsClosed());
            var history = engine.Evaluations;
            if (update.HasCommittedPrevious) Record(history[history.Count - (update.Outcome == UpsertOutcome.Committed ? 2 : 1)]);
            if (update.Outcome == UpsertOutcome.Committed) Record(history[history.Count - 1]);
        }

        clock.Stop();
        var account = engine.Account;
        return new BacktestSummary(stream, count, fills, account.StartingBalance, account.Cash, account.Quantity,
            account.EquityAt(lastClose), account.FeesPaid, statistics.Result(), clock.Elapsed);

        void Record(in Evaluation evaluation)
        {
            if (evaluation.Candle.OpenTime < window.From) return; // warm-up
            count++;
            lastClose = evaluation.Candle.Close;
            statistics.Add(evaluation);
            if (evaluation.Fill is { } fill) fills.Add(fill);
            onEvaluation?.Invoke(evaluation);
        }
    }
}
