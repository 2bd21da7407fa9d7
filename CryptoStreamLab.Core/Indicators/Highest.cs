namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// The largest of the last n inputs, the current one included (TA-Lib MAX; a Donchian channel's upper line on highs).
/// O(1) amortized per update (see <see cref="RollingExtreme"/>).
/// </summary>
public sealed class Highest : ISeriesIndicator
{
    private readonly RollingExtreme _window;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public Highest(int period) => _window = new RollingExtreme(period, max: true);

    public int Period => _window.Period;

    public int WarmUpPeriod => _window.Period;

    public bool IsReady => _window.IsReady;

    public double Value => _window.Value;

    public void Update(double input)
    {
        if (!double.IsNaN(input)) _window.Update(input);
    }

    public double Preview(double input) => double.IsNaN(input) ? Value : _window.Preview(input);
}
