namespace CryptoStreamLab.Benchmarks;

/// <summary>
/// The seed's way, for comparison: on every new candle, recompute MA20, MA50 and RSI14 (with their gains
/// and losses) for every row of the buffer from scratch, as its Spark window functions did.
/// </summary>
public sealed class SeedRecompute(int capacity)
{
    private readonly List<double> _closes = new(capacity);
    private readonly double[] _ma20 = new double[capacity];
    private readonly double[] _ma50 = new double[capacity];
    private readonly double[] _rsi = new double[capacity];

    public double Add(double close)
    {
        if (_closes.Count == capacity) _closes.RemoveAt(0);
        _closes.Add(close);
        for (var row = 0; row < _closes.Count; row++)
        {
            _ma20[row] = Average(row, 20);
            _ma50[row] = Average(row, 50);
            double gain = 0, loss = 0;
            var start = Math.Max(1, row - 13);
            for (var j = start; j <= row; j++)
            {
                var change = _closes[j] - _closes[j - 1];
                if (change > 0) gain += change;
                else loss -= change;
            }

            _rsi[row] = loss == 0 ? double.NaN : 100 - 100 / (1 + gain / loss);
        }

        return _ma20[_closes.Count - 1] - _ma50[_closes.Count - 1] + _rsi[_closes.Count - 1];
    }

    private double Average(int row, int length)
    {
        var start = Math.Max(0, row - length + 1);
        double sum = 0;
        for (var j = start; j <= row; j++) sum += _closes[j];
        return sum / (row - start + 1);
    }
}
