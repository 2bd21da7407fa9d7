using System.Globalization;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Node.Alerts;

/// <summary>One line a person reads in a chat: "BUY 0.01 BTCUSDT @ 27134.56 (1m), fee 0.027".</summary>
public static class AlertText
{
    public static string Of(AlertEvent alert, string node) => alert.Kind switch
    {
        AlertEventKind.Fill when alert.Fill is { } fill =>
            $"{fill.Side.Token()} {Number(fill.Quantity)} {Symbol(alert)} @ {Number(fill.Price)} ({Where(alert)}), " +
            $"fee {Number(fill.Fee)}{(fill.Reason == FillReason.Signal ? "" : $" ({fill.Reason.Words()})")}",
        AlertEventKind.Signal when alert.Evaluation is { } evaluation =>
            $"{evaluation.Signal.Token()} signal on {Symbol(alert)} ({Where(alert)}) at close {Number(evaluation.Candle.Close)}, " +
            $"{Why(alert, evaluation)}{(evaluation.Action == evaluation.Signal ? "" : $"; the account did not act ({evaluation.Action.Token()})")}",
        AlertEventKind.Stale =>
            $"{Symbol(alert)} ({Interval(alert)}) has had no update since {Moment(alert.SilentSince ?? alert.Time)}, " +
            $"more than {alert.StaleAfter ?? TimeSpan.Zero:c}",
        AlertEventKind.KafkaDown => $"Kafka is down on node {node}: {alert.Reason}",
        _ => $"{alert.Kind.Name()} {alert.Id}",
    };

    /// <summary>An exact decimal without trailing zeros, invariant culture: 0.01, 27134.56.</summary>
    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Symbol(AlertEvent alert) => alert.Stream?.Symbol ?? "";

    private static string Interval(AlertEvent alert) => alert.Stream?.Interval.ToCode() ?? "";

    // "1m", or "1m, breakout" for a named strategy.
    private static string Where(AlertEvent alert) => alert.Strategy is { } strategy ? $"{Interval(alert)}, {strategy}" : Interval(alert);

    // The default strategy's RSI, or a named strategy's own reason.
    private static string Why(AlertEvent alert, Evaluation evaluation) =>
        alert.Strategy is null ? $"RSI {Indicator(evaluation.Rsi)}" : evaluation.Reason.Length > 0 ? evaluation.Reason : "no reason given";

    private static string Indicator(double value) => double.IsFinite(value) ? value.ToString("0.##", CultureInfo.InvariantCulture) : "not ready";

    private static string Moment(long epochMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMs).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
