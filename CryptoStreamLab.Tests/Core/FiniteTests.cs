using CryptoStreamLab.Core;

namespace CryptoStreamLab.Tests.Core;

public class FiniteTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Not_a_finite_number_becomes_null(double value)
    {
        Finite.OrNull(value).Should().BeNull();
        Finite.OrNull((double?)value).Should().BeNull();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-12.5)]
    [InlineData(double.MaxValue)]
    public void A_finite_number_is_kept(double value)
    {
        Finite.OrNull(value).Should().Be(value);
        Finite.OrNull((double?)value).Should().Be(value);
    }

    [Fact]
    public void Null_stays_null() => Finite.OrNull((double?)null).Should().BeNull();
}
