using System.Globalization;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using MudBlazor;

namespace CryptoStreamLab.Web.Components.Dashboard;

/// <summary>How the dashboard writes numbers, times and signals, in one place so cards and tables agree.</summary>
public static class DisplayFormat
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>Prices keep the exchange's precision (trailing zeros dropped) with thousands separators.</summary>
    public static string Price(decimal value) => value.ToString("#,0.########", Culture);

    public static string Price(decimal? value) => value is { } v ? Price(v) : "—";

    public static string Money(decimal value) => value.ToString("#,0.00", Culture);

    public static string Quantity(decimal value) => value.ToString("0.########", Culture);

    public static string Percent(decimal? value) => value is { } v ? v.ToString("+0.00;-0.00;0.00", Culture) + " %" : "—";

    public static string Rsi(double value) => double.IsFinite(value) ? value.ToString("0.0", Culture) : "warming up";

    /// <summary>A strategy's series value: four decimals from 1 up, six significant places below.</summary>
    public static string Indicator(double value) => !double.IsFinite(value) ? "warming up"
        : Math.Abs(value) >= 1 ? value.ToString("#,0.####", Culture)
        : value.ToString("0.######", Culture);

    /// <summary>A ratio such as Sharpe's, two decimals; "—" when undefined.</summary>
    public static string Ratio(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.00", Culture) : "—";

    /// <summary>A percentage in a table column, without a sign for positives: "12.34 %"; "—" when undefined.</summary>
    public static string Share(decimal? value) => value is { } v ? v.ToString("0.00", Culture) + " %" : "—";

    public static string Time(long openTimeMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(openTimeMs).ToString("yyyy-MM-dd HH:mm:ss", Culture) + " UTC";

    /// <summary>Month, day and time, for tables whose rows are all recent.</summary>
    public static string ShortTime(long openTimeMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(openTimeMs).ToString("MM-dd HH:mm", Culture);

    public static string Signal(Signal? signal) => signal?.Token() ?? "—";

    public static Color SignalColor(Signal? signal) => signal switch
    {
        Core.Strategy.Signal.Buy => Color.Success,
        Core.Strategy.Signal.Sell => Color.Error,
        _ => Color.Default,
    };

    public static Color ChangeColor(decimal? value) => value switch
    {
        > 0 => Color.Success,
        < 0 => Color.Error,
        _ => Color.Default,
    };
}
