namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// The smallest of the last n inputs, the current one included (TA-Lib MIN; a Donchian channel's lower line on lows).
/// O(1) amortized per update (see <see cref="RollingExtreme"/>).
/// </summary>
public sealed class Lowest : ISeriesIndicator
{
    private readonly RollingExtreme _window;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1.</exception>
    public Lowest(int period) => _window = new RollingExtreme(period, max: false);

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
