using Bunit;
using CryptoStreamLab.Web.Components.Charts;
using CryptoStreamLab.Web.Components.Dashboard;

namespace CryptoStreamLab.Tests.Web.Components.Dashboard;

/// <summary>With the seed's strategy alone the page is what it was: no selector, no comparison, the averages and the RSI chart.</summary>
public sealed class SingleStrategyLookTests : DashboardTestContext
{
    [Fact]
    public void One_strategy_shows_no_selector_no_comparison_and_the_seed_s_charts()
    {
        Feeder.ApplyClosed(300);

        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc));

        cut.FindAll("[data-testid=strategy-select]").Should().BeEmpty();
        cut.FindAll("[data-testid=strategy-comparison]").Should().BeEmpty();
        cut.FindAll("[data-chart]").Select(e => e.GetAttribute("data-chart")).Should().Equal("candles", "rsi", "equity");
        cut.FindComponent<CandleChart>().Instance.Descriptor.Series.Select(s => s.Name).Should().Equal("LTCUSDT", "MA 20", "MA 50", "BUY", "SELL");
        var rsi = cut.FindComponent<StrategyPanelChart>();
        var descriptor = rsi.Instance.Descriptor;
        descriptor.Range.Should().Equal(0m, 100m);
        descriptor.Title.Should().Be("RSI");
        descriptor.Guides.Select(g => g.Value).Should().Equal(70m, 30m);
        rsi.Find("[role=img]").GetAttribute("aria-label").Should().Be("LTCUSDT 1m RSI chart with guides at 70 and 30");
        cut.Find("[data-testid=rsi]").TextContent.Should().Be(DisplayFormat.Rsi(Market.Snapshot(Ltc).Latest!.Value.Rsi));
        cut.Find("[data-testid=trading-log] caption").TextContent.Should().NotContain("·");
        cut.Find("[data-testid=reset-account]").GetAttribute("aria-label").Should().Be("Reset the LTCUSDT 1m paper account");
    }

    [Fact]
    public void The_stream_list_shows_no_best_strategy_line()
    {
        Feeder.ApplyClosed(100);

        var cut = Render<StreamNav>();

        cut.FindAll("[data-testid=nav-best]").Should().BeEmpty();
    }
}
