using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Trading;

/// <summary>
/// The one owner of how a signal, a fill's side and a fill's reason are spelled. Each format that shows them has its own
/// method, so a spelling changes here or nowhere:
/// <list type="bullet">
/// <item><c>Token</c>: BUY, SELL, HOLD, STOP_LOSS, as the seed logged signals: the backtest CSV, /api/v1, the state topic's
/// signal, action and side, alert chat text and the dashboard's tables.</item>
/// <item><c>Name</c>: the enum member's name, StopLoss: the state topic's fill reason, the ledger's columns, the tables' reason
/// and the backtest chart's legend.</item>
/// <item><c>Lower</c>: buy, stoploss: alert JSON bodies and alert ids.</item>
/// <item><c>Words</c>: stop loss: a reason in a sentence (alert chat text).</item>
/// </list>
/// A value outside its enum has no text: it throws rather than print something plausible.
/// </summary>
public static class TradeText
{
    private static readonly Signal[] Signals = Enum.GetValues<Signal>();
    private static readonly TradeSide[] Sides = Enum.GetValues<TradeSide>();
    private static readonly FillReason[] Reasons = Enum.GetValues<FillReason>();

    /// <summary>"BUY", "SELL" or "HOLD".</summary>
    public static string Token(this Signal signal) => signal switch
    {
        Signal.Buy => "BUY",
        Signal.Sell => "SELL",
        Signal.Hold => "HOLD",
        _ => throw Undefined(signal),
    };

    /// <summary>"buy", "sell" or "hold".</summary>
    public static string Lower(this Signal signal) => signal switch
    {
        Signal.Buy => "buy",
        Signal.Sell => "sell",
        Signal.Hold => "hold",
        _ => throw Undefined(signal),
    };

    /// <summary>"BUY" or "SELL".</summary>
    public static string Token(this TradeSide side) => side switch
    {
        TradeSide.Buy => "BUY",
        TradeSide.Sell => "SELL",
        _ => throw Undefined(side),
    };

    /// <summary>"Buy" or "Sell".</summary>
    public static string Name(this TradeSide side) => side switch
    {
        TradeSide.Buy => "Buy",
        TradeSide.Sell => "Sell",
        _ => throw Undefined(side),
    };

    /// <summary>"buy" or "sell".</summary>
    public static string Lower(this TradeSide side) => side switch
    {
        TradeSide.Buy => "buy",
        TradeSide.Sell => "sell",
        _ => throw Undefined(side),
    };

    /// <summary>"SIGNAL", "STOP_LOSS" or "TAKE_PROFIT".</summary>
    public static string Token(this FillReason reason) => reason switch
    {
        FillReason.Signal => "SIGNAL",
        FillReason.StopLoss => "STOP_LOSS",
        FillReason.TakeProfit => "TAKE_PROFIT",
        _ => throw Undefined(reason),
    };

    /// <summary>"Signal", "StopLoss" or "TakeProfit".</summary>
    public static string Name(this FillReason reason) => reason switch
    {
        FillReason.Signal => "Signal",
        FillReason.StopLoss => "StopLoss",
        FillReason.TakeProfit => "TakeProfit",
        _ => throw Undefined(reason),
    };

    /// <summary>"signal", "stoploss" or "takeprofit".</summary>
    public static string Lower(this FillReason reason) => reason switch
    {
        FillReason.Signal => "signal",
        FillReason.StopLoss => "stoploss",
        FillReason.TakeProfit => "takeprofit",
        _ => throw Undefined(reason),
    };

    /// <summary>"signal", "stop loss" or "take profit".</summary>
    public static string Words(this FillReason reason) => reason switch
    {
        FillReason.Signal => "signal",
        FillReason.StopLoss => "stop loss",
        FillReason.TakeProfit => "take profit",
        _ => throw Undefined(reason),
    };

    /// <summary>The signal whose <see cref="Token(Signal)"/> is <paramref name="text"/> exactly, or null.</summary>
    public static Signal? SignalFromToken(string? text) => Find(Signals, text, static s => s.Token());

    /// <summary>The side whose <see cref="Token(TradeSide)"/> is <paramref name="text"/> exactly, or null.</summary>
    public static TradeSide? SideFromToken(string? text) => Find(Sides, text, static s => s.Token());

    /// <summary>The side whose <see cref="Name(TradeSide)"/> is <paramref name="text"/> exactly, or null.</summary>
    public static TradeSide? SideFromName(string? text) => Find(Sides, text, static s => s.Name());

    /// <summary>The reason whose <see cref="Name(FillReason)"/> is <paramref name="text"/> exactly, or null (numbers and other casings are not names).</summary>
    public static FillReason? ReasonFromName(string? text) => Find(Reasons, text, static r => r.Name());

    private static T? Find<T>(T[] values, string? text, Func<T, string> format) where T : struct, Enum
    {
        foreach (var value in values)
            if (string.Equals(format(value), text, StringComparison.Ordinal)) return value;
        return null;
    }

    private static ArgumentOutOfRangeException Undefined<T>(T value) where T : struct, Enum =>
        new(nameof(value), value, $"{typeof(T).Name} has no value {value}");
}
