using System.Runtime.CompilerServices;

namespace CryptoStreamLab.Core.Strategy;

/// <summary>
/// A strategy's series values on one candle, stored inline so an evaluation carries them without an allocation; the
/// strategy's <see cref="IStrategy.Series"/> names them in order, unused slots are NaN. Two are equal when every slot is
/// (NaN equal to NaN, as <see cref="double.Equals(double)"/> has it).
/// </summary>
[InlineArray(Capacity)]
public struct SeriesValues : IEquatable<SeriesValues>
{
    /// <summary>The most series one strategy can draw.</summary>
    public const int Capacity = 8;

    private double _first;

    /// <summary>Every slot NaN (nothing ready).</summary>
    public static SeriesValues Empty
    {
        get
        {
            var values = default(SeriesValues);
            ((Span<double>)values).Fill(double.NaN);
            return values;
        }
    }

    public readonly bool Equals(SeriesValues other)
    {
        ReadOnlySpan<double> mine = this;
        ReadOnlySpan<double> theirs = other;
        for (var i = 0; i < Capacity; i++)
        {
            if (!mine[i].Equals(theirs[i])) return false;
        }

        return true;
    }

    public override readonly bool Equals(object? obj) => obj is SeriesValues other && Equals(other);

    public override readonly int GetHashCode()
    {
        ReadOnlySpan<double> values = this;
        var hash = new HashCode();
        foreach (var value in values) hash.Add(value);
        return hash.ToHashCode();
    }

    public static bool operator ==(SeriesValues left, SeriesValues right) => left.Equals(right);

    public static bool operator !=(SeriesValues left, SeriesValues right) => !left.Equals(right);
}
