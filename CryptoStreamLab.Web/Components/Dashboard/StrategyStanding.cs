namespace CryptoStreamLab.Web.Components.Dashboard;

/// <summary>
/// How one strategy does on a stream, for the comparison table. <see cref="ReturnPct"/> is its account's P&amp;L since its last
/// reset (the PnL card's figure); the others are taken over its equity curve (the newest candles, as many as the buffer
/// holds) as the backtester computes them (<see cref="Core.Backtesting.BacktestStatistics"/>): the largest fall from a
/// peak in percent, the round trips (a buy and the sell that closed it, both within the curve), the share of them that made
/// money, and the annualised Sharpe ratio of the per-candle returns (null while undefined).
/// </summary>
public sealed record StrategyStanding(
    string Name,
    decimal ReturnPct,
    decimal MaxDrawdownPct,
    int Fills,
    int RoundTrips,
    decimal? WinRatePct,
    double? Sharpe);
