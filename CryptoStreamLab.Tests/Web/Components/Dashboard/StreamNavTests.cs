using Bunit;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Web.Components.Dashboard;

namespace CryptoStreamLab.Tests.Web.Components.Dashboard;

public sealed class StreamNavTests : DashboardTestContext
{
    [Fact]
    public void Lists_every_configured_stream_with_its_address_price_and_signal()
    {
        Feeder.ApplyClosed(80);

        var cut = Render<StreamNav>();

        var links = cut.FindAll("a");
        links.Select(a => a.GetAttribute("href")).Should().Equal("/stream/LTCUSDT/1m", "/stream/LINKUSDT/1m");
        var ltc = Market.Snapshot(Ltc);
        links[0].TextContent.Should().Contain(DisplayFormat.Price(ltc.LastClose)).And.Contain(DisplayFormat.Signal(ltc.LastSignal));
        links[1].TextContent.Should().Contain("—", "LINKUSDT has no candle yet");
    }

    [Fact]
    public void Updates_when_any_stream_changes()
    {
        var cut = Render<StreamNav>();
        cut.FindAll("[data-testid=nav-price]")[0].TextContent.Should().Be("—");

        Feeder.ApplyClosed(1);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=nav-price]")[0].TextContent
            .Should().Be(DisplayFormat.Price(Market.Snapshot(Ltc).LastClose)), Patience);
    }

    [Fact]
    public void A_stream_that_appears_at_run_time_joins_the_list()
    {
        var cut = Render<StreamNav>();

        // A symbol no one configured, as when another node's ingest or engine first puts it on the topics.
        Market.Apply(FakeMarket.Closed("XRPUSDT", 0));

        cut.WaitForAssertion(() => cut.FindAll("a").Select(a => a.GetAttribute("href"))
            .Should().Equal("/stream/LTCUSDT/1m", "/stream/LINKUSDT/1m", "/stream/XRPUSDT/1m"), Patience);
        cut.Find("a[data-stream='XRPUSDT-1m'] [data-testid=nav-price]").TextContent
            .Should().Be(DisplayFormat.Price(Market.Snapshot(new StreamKey("XRPUSDT", KlineInterval.OneMinute)).LastClose));
    }

    [Fact]
    public async Task Releases_its_subscription_when_disposed()
    {
        Render<StreamNav>();
        Market.SubscriberCount.Should().Be(1);

        await DisposeComponentsAsync();

        Market.SubscriberCount.Should().Be(0);
    }
}
