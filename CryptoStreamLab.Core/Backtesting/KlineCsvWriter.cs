using System.Globalization;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Writes candles in data.binance.vision's 12-column kline layout, without a header as Binance's own files have none:
/// <c>open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore</c>.
/// Times in epoch ms, prices and volumes as invariant-culture decimals exactly as held. Candles carry no taker volumes,
/// so those two columns and <c>ignore</c> are written as 0. <see cref="KlineCsvReader"/> reads the rows back unchanged.
/// </summary>
public sealed class KlineCsvWriter(TextWriter writer)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void Write(in Candle c)
    {
        writer.Write(c.OpenTime.ToString(Invariant));
        Cell(c.Open);
        Cell(c.High);
        Cell(c.Low);
        Cell(c.Close);
        Cell(c.Volume);
        writer.Write(',');
        writer.Write(c.CloseTime.ToString(Invariant));
        Cell(c.QuoteVolume);
        writer.Write(',');
        writer.Write(c.TradeCount.ToString(Invariant));
        writer.Write(",0,0,0\n"); // Binance's files end lines with \n on every platform.
    }

    private void Cell(decimal value)
    {
        writer.Write(',');
        writer.Write(value.ToString(Invariant));
    }
}
