using CryptoStreamLab.Core.Market;
using static CryptoStreamLab.Tests.Support.TestCandles;

namespace CryptoStreamLab.Tests.Core.Market;

public class CandleOrderTests
{
    [Fact]
    public void Candles_come_back_oldest_first_with_each_open_time_once()
    {
        List<Candle> candles = [Make(3, 103), Make(1, 101), Make(2, 102), Make(1, 201), Make(3, 203)];

        var ordered = CandleOrder.ByOpenTimeUnique(candles);

        ordered.Select(c => c.Close).Should().Equal(101, 102, 103);
    }

    [Fact]
    public void Of_repeated_open_times_the_first_given_is_kept_whatever_the_order_around_it()
    {
        // Many repeats out of order: an unstable sort would keep either copy.
        var candles = Enumerable.Range(0, 200).Reverse().Select(m => Make(m, 100 + m))
            .Concat(Enumerable.Range(0, 200).Select(m => Make(m, 1_000 + m))).ToList();

        var ordered = CandleOrder.ByOpenTimeUnique(candles);

        ordered.Should().HaveCount(200);
        ordered.Select(c => c.Close).Should().Equal(Enumerable.Range(0, 200).Select(m => 100m + m));
    }

    [Fact]
    public void An_ordered_list_loses_only_its_repeats()
    {
        List<Candle> candles = [Make(0, 100), Make(0, 200), Make(1, 101), Make(2, 102), Make(2, 202)];

        CandleOrder.ByOpenTimeUnique(candles).Select(c => c.Close).Should().Equal(100, 101, 102);
    }
}
