namespace CryptoStreamLab.Core.Indicators;

/// <summary>
/// A running double sum with Neumaier's compensation: the low-order bits each addition rounds away are kept in a
/// second term. A rolling window adds each value once and subtracts it once; with a plain double sum the rounding
/// errors of those pairs never cancel and the average drifts over a long stream, while here the error stays at the
/// last bit of the current sum. A struct, so a copy previews an update without touching the original.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    public readonly double Value => _sum + _compensation;

    public void Add(double value)
    {
        var total = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? _sum - total + value : value - total + _sum;
        _sum = total;
    }

    public void Clear() => _sum = _compensation = 0;
}
