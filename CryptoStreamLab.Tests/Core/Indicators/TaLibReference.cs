namespace CryptoStreamLab.Tests.Core.Indicators;

/// <summary>
/// TA-Lib's definitions written out in plain batch form: whole arrays in, an array out aligned with the input (NaN
/// before the first defined value), every window recomputed from scratch. It shares no code with the streaming
/// indicators, so agreement means the same definition, not the same mistakes.
/// </summary>
public static class TaLibReference
{
    public static double[] Sma(double[] x, int n)
    {
        var result = Undefined(x.Length);
        for (var i = n - 1; i < x.Length; i++)
        {
            var sum = 0d;
            for (var j = i - n + 1; j <= i; j++) sum += x[j];
            result[i] = sum / n;
        }

        return result;
    }

    /// <summary>EMA seeded with the mean of x[first … first + n − 1], defined from index first + n − 1.</summary>
    public static double[] Ema(double[] x, int n, int first = 0)
    {
        var result = Undefined(x.Length);
        var k = 2d / (n + 1);
        var seed = 0d;
        for (var j = first; j < first + n; j++) seed += x[j];
        var previous = seed / n;
        result[first + n - 1] = previous;
        for (var i = first + n; i < x.Length; i++)
        {
            previous = (x[i] - previous) * k + previous;
            result[i] = previous;
        }

        return result;
    }

    /// <summary>TA-Lib RSI (Wilder's smoothing), defined from index n; a window without losses is 100.</summary>
    public static double[] RsiWilder(double[] x, int n)
    {
        var result = Undefined(x.Length);
        double gain = 0, loss = 0;
        for (var i = 1; i <= n; i++)
        {
            var d = x[i] - x[i - 1];
            if (d > 0) gain += d;
            else loss -= d;
        }

        gain /= n;
        loss /= n;
        result[n] = RsiOf(gain, loss);
        for (var i = n + 1; i < x.Length; i++)
        {
            var d = x[i] - x[i - 1];
            gain = (gain * (n - 1) + (d > 0 ? d : 0)) / n;
            loss = (loss * (n - 1) + (d < 0 ? -d : 0)) / n;
            result[i] = RsiOf(gain, loss);
        }

        return result;
    }

    /// <summary>Cutler's RSI: simple means of the last n changes, defined from index n.</summary>
    public static double[] RsiSimple(double[] x, int n)
    {
        var result = Undefined(x.Length);
        for (var i = n; i < x.Length; i++)
        {
            double gain = 0, loss = 0;
            for (var j = i - n + 1; j <= i; j++)
            {
                var d = x[j] - x[j - 1];
                if (d > 0) gain += d;
                else loss -= d;
            }

            result[i] = RsiOf(gain / n, loss / n);
        }

        return result;
    }

    /// <summary>TA-Lib MACD: the fast EMA starts slow − fast inputs late, so both EMAs are first defined at index slow − 1.</summary>
    public static (double[] Line, double[] Signal, double[] Histogram) Macd(double[] x, int fast, int slow, int signal)
    {
        var fastEma = Ema(x, fast, first: slow - fast);
        var slowEma = Ema(x, slow);
        var line = Undefined(x.Length);
        for (var i = slow - 1; i < x.Length; i++) line[i] = fastEma[i] - slowEma[i];
        var signalLine = Ema(line, signal, first: slow - 1);
        var histogram = Undefined(x.Length);
        for (var i = 0; i < x.Length; i++) histogram[i] = line[i] - signalLine[i];
        return (line, signalLine, histogram);
    }

    /// <summary>Bollinger Bands: SMA ± k × population standard deviation (two passes over each window).</summary>
    public static (double[] Upper, double[] Middle, double[] Lower) Bollinger(double[] x, int n, double k)
    {
        var (upper, middle, lower) = (Undefined(x.Length), Undefined(x.Length), Undefined(x.Length));
        for (var i = n - 1; i < x.Length; i++)
        {
            var mean = 0d;
            for (var j = i - n + 1; j <= i; j++) mean += x[j];
            mean /= n;
            var variance = 0d;
            for (var j = i - n + 1; j <= i; j++) variance += (x[j] - mean) * (x[j] - mean);
            var deviation = Math.Sqrt(variance / n);
            (upper[i], middle[i], lower[i]) = (mean + k * deviation, mean, mean - k * deviation);
        }

        return (upper, middle, lower);
    }

    /// <summary>TA-Lib ATR: true ranges from index 1, their mean at index n, then Wilder's smoothing.</summary>
    public static double[] Atr(double[] high, double[] low, double[] close, int n)
    {
        var range = Undefined(close.Length);
        for (var i = 1; i < close.Length; i++)
            range[i] = Math.Max(high[i] - low[i], Math.Max(Math.Abs(high[i] - close[i - 1]), Math.Abs(low[i] - close[i - 1])));
        var result = Undefined(close.Length);
        var atr = 0d;
        for (var i = 1; i <= n; i++) atr += range[i];
        atr /= n;
        result[n] = atr;
        for (var i = n + 1; i < close.Length; i++)
        {
            atr = (atr * (n - 1) + range[i]) / n;
            result[i] = atr;
        }

        return result;
    }

    /// <summary>TA-Lib STOCHF fast %K: (close − lowest low) / ((highest high − lowest low) / 100), 0 when the range is 0.</summary>
    public static double[] StochasticK(double[] high, double[] low, double[] close, int n)
    {
        var result = Undefined(close.Length);
        for (var i = n - 1; i < close.Length; i++)
        {
            double highest = double.MinValue, lowest = double.MaxValue;
            for (var j = i - n + 1; j <= i; j++)
            {
                highest = Math.Max(highest, high[j]);
                lowest = Math.Min(lowest, low[j]);
            }

            var diff = (highest - lowest) / 100d;
            result[i] = diff != 0 ? (close[i] - lowest) / diff : 0d;
        }

        return result;
    }

    /// <summary>TA-Lib STOCHF fast %D (simple average of %K), defined from index k + d − 2.</summary>
    public static double[] StochasticD(double[] high, double[] low, double[] close, int k, int d)
    {
        var raw = StochasticK(high, low, close, k);
        var result = Undefined(close.Length);
        for (var i = k + d - 2; i < close.Length; i++)
        {
            var sum = 0d;
            for (var j = i - d + 1; j <= i; j++) sum += raw[j];
            result[i] = sum / d;
        }

        return result;
    }

    public static double[] Max(double[] x, int n) => Extreme(x, n, Math.Max);

    public static double[] Min(double[] x, int n) => Extreme(x, n, Math.Min);

    private static double[] Extreme(double[] x, int n, Func<double, double, double> pick)
    {
        var result = Undefined(x.Length);
        for (var i = n - 1; i < x.Length; i++)
        {
            var best = x[i];
            for (var j = i - n + 1; j < i; j++) best = pick(best, x[j]);
            result[i] = best;
        }

        return result;
    }

    // TA-Lib's 100 × gain / (gain + loss); without losses 100 (TA-Lib says 0 when there is no gain either).
    private static double RsiOf(double gain, double loss) => loss == 0 ? 100 : 100 * (gain / (gain + loss));

    private static double[] Undefined(int length)
    {
        var result = new double[length];
        Array.Fill(result, double.NaN);
        return result;
    }
}
