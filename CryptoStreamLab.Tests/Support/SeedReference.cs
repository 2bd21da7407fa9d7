using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Tests.Support;

/// <summary>
/// The seed's formulas recomputed by brute force: full-window averages over row frames (partial at the
/// start), RSI from plain averages of gains and losses, null RSI when the average loss is zero, and
/// whole-unit all-in trading on a 10,000 budget. Evaluated in exact decimal arithmetic: the seed's Spark job
/// used doubles, whose rounding turns moving averages that are exactly equal (a tie, so no crossover)
/// into a spurious crossover in either direction depending on summation order.
/// </summary>
public static class SeedReference
{
    public sealed record Row(decimal Ma20, decimal Ma50, decimal? Rsi, string Signal);

    public static IReadOnlyList<Row> Compute(IReadOnlyList<Candle> candles, int fast = 20, int slow = 50, int rsiPeriod = 14)
    {
        var closes = candles.Select(c => c.Close).ToArray();
        var gains = new decimal[closes.Length];
        var losses = new decimal[closes.Length];
        for (var i = 1; i < closes.Length; i++)
        {
            var change = closes[i] - closes[i - 1];
            gains[i] = change > 0 ? change : 0;
            losses[i] = change < 0 ? -change : 0;
        }

        var rows = new List<Row>(closes.Length);
        for (var i = 0; i < closes.Length; i++)
        {
            var ma20 = WindowAverage(closes, i, fast);
            var ma50 = WindowAverage(closes, i, slow);
            var avgGain = WindowAverage(gains, i, rsiPeriod);
            var avgLoss = WindowAverage(losses, i, rsiPeriod);
            decimal? rsi = avgLoss == 0 ? null : 100 - 100 / (1 + avgGain / avgLoss);

            var signal = "HOLD";
            if (i > 0 && rsi is { } r)
            {
                var (prev20, prev50) = (rows[i - 1].Ma20, rows[i - 1].Ma50);
                var up = prev20 < prev50 && ma20 > ma50;
                var down = prev20 > prev50 && ma20 < ma50;
                if (r > 50 && up && r < 70) signal = "BUY";
                else if (r > 70 && down) signal = "SELL";
            }

            rows.Add(new Row(ma20, ma50, rsi, signal));
        }

        return rows;
    }

    /// <summary>The seed's trading loop from row <paramref name="from"/> on: (cash, coins) after each row.</summary>
    public static IReadOnlyList<(decimal Cash, decimal Coins)> Trade(IReadOnlyList<Candle> candles, IReadOnlyList<Row> rows, int from)
    {
        decimal budget = 10_000m, coins = 0;
        var states = new List<(decimal, decimal)>();
        for (var i = from; i < candles.Count; i++)
        {
            var price = candles[i].Close;
            if (rows[i].Signal == "BUY" && coins == 0)
            {
                var amount = decimal.Floor(budget / price);
                budget -= amount * price;
                coins = amount;
            }
            else if (rows[i].Signal == "SELL" && coins > 0)
            {
                budget += coins * price;
                coins = 0;
            }

            states.Add((budget, coins));
        }

        return states;
    }

    private static decimal WindowAverage(decimal[] values, int end, int length)
    {
        var start = Math.Max(0, end - length + 1);
        decimal sum = 0;
        for (var j = start; j <= end; j++) sum += values[j];
        return sum / (end - start + 1);
    }
}
