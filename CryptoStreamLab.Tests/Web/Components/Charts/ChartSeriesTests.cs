using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Web.Components.Charts;

namespace CryptoStreamLab.Tests.Web.Components.Charts;

/// <summary>How many decimals a chart's scale and legend show: the exchange's tick for prices, the size of an indicator's values.</summary>
public sealed class ChartSeriesTests
{
    private static Candle At(decimal price) => new("X", KlineInterval.OneMinute, 0, 59_999, price, price, price, price, 1, price, 1, true);

    [Theory]
    [InlineData(new[] { "58.30", "58.31" }, 2)]
    [InlineData(new[] { "23705.9", "23706" }, 2)]
    [InlineData(new[] { "0.0001234", "0.000124" }, 7)]
    [InlineData(new[] { "1.123456789012" }, 8)]
    public void Prices_show_the_decimals_of_their_tick_from_two_to_eight(string[] prices, int decimals) =>
        ChartSeries.PriceDecimals(prices.Select(p => At(decimal.Parse(p, System.Globalization.CultureInfo.InvariantCulture)))).Should().Be(decimals);

    [Theory]
    [InlineData(new[] { 95.2, 30.0, double.NaN }, 2)]
    [InlineData(new[] { -4.1, 2.0 }, 3)]
    [InlineData(new[] { 0.052, -0.013 }, 5)]
    [InlineData(new[] { double.NaN }, 4)]
    [InlineData(new[] { 0.0 }, 2)]
    public void Indicator_values_show_more_decimals_the_smaller_they_are(double[] values, int decimals) =>
        ChartSeries.ValueDecimals(values).Should().Be(decimals);
}
