using System.Globalization;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Writes one row per closed candle: invariant culture, shortest round-trip doubles, an empty cell where
/// an indicator is not ready yet.
/// </summary>
public sealed class BacktestCsvWriter(TextWriter writer)
{
    public const string Header = "open_time,open,high,low,close,volume,ma_fast,ma_slow,rsi,signal,action,cash,quantity,equity";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void WriteHeader() => writer.WriteLine(Header);

    public void Write(in Evaluation e)
    {
        var c = e.Candle;
        writer.Write(c.OpenTime.ToString(Invariant));
        Cell(c.Open);
        Cell(c.High);
        Cell(c.Low);
        Cell(c.Close);
        Cell(c.Volume);
        Cell(e.FastMa);
        Cell(e.SlowMa);
        Cell(e.Rsi);
        writer.Write(',');
        writer.Write(e.Signal.ToText());
        writer.Write(',');
        writer.Write(e.Action.ToText());
        Cell(e.Cash);
        Cell(e.Quantity);
        Cell(e.Equity);
        writer.WriteLine();
    }

    private void Cell(decimal value)
    {
        writer.Write(',');
        writer.Write(WithoutTrailingZeros(value).ToString(Invariant));
    }

    // 0 × 10.1280 has scale 4, so equity prints as 10000.0000; dividing by 1.000… drops the trailing zeros.
    internal static decimal WithoutTrailingZeros(decimal value) => value / 1.0000000000000000000000000000m;

    private void Cell(double value)
    {
        writer.Write(',');
        // .NET's default double format is the shortest string that parses back to the same value.
        if (!double.IsNaN(value)) writer.Write(value.ToString(Invariant));
    }
}
