using Bunit;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Web.Components.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Components.Dashboard;

public sealed class StreamDashboardTests : DashboardTestContext
{
    [Fact]
    public void Without_candles_it_says_it_is_waiting_and_shows_the_sources_status()
    {
        Services.AddSingleton<IPipelineStatusProvider>(new FakePipelineStatus
        {
            Current = FakePipelineStatus.Healthy with { SourceConnected = false, SourceError = "HTTP 451 from the exchange" },
        });

        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc));

        cut.Find("[data-testid=waiting]").TextContent.Should().Contain("Waiting for market data…");
        cut.Find("[data-testid=source-status]").TextContent.Should().Be("Replay: HTTP 451 from the exchange");
        cut.FindAll("[data-chart]").Should().BeEmpty();
    }

    [Fact]
    public void While_restoring_without_candles_it_says_so()
    {
        Restore.Set(true);

        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc));

        cut.Find("[data-testid=waiting]").TextContent.Should().Contain("Restoring stream state…").And.NotContain("Waiting");
    }

    [Fact]
    public void While_restoring_with_candles_it_shows_them_under_a_restoring_notice()
    {
        Feeder.ApplyClosed(10);
        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc));
        cut.FindAll("[data-testid=restoring]").Should().BeEmpty();

        Restore.Set(true);

        cut.WaitForAssertion(() => cut.Find("[data-testid=restoring]").TextContent.Should().Contain("Restoring stream state"), Patience);
        cut.Find("[data-testid=last-price]").TextContent.Should().Be(DisplayFormat.Price(Market.Snapshot(Ltc).LastClose));
    }

    [Fact]
    public void With_candles_it_shows_figures_charts_and_tables()
    {
        Feeder.ApplyClosed(200);

        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc));

        var snapshot = Market.Snapshot(Ltc);
        cut.Find("[data-testid=last-price]").TextContent.Should().Be(DisplayFormat.Price(snapshot.LastClose));
        cut.FindAll("[data-chart]").Select(e => e.GetAttribute("data-chart")).Should().Equal("candles", "rsi", "equity");
        cut.Find("[data-testid=trading-log] caption").TextContent.Should().Contain("Trading log");
        cut.Find("[data-testid=candle-table] caption").TextContent.Should().Contain("Latest candles");
        cut.Find("h1").TextContent.Should().Be("LTCUSDT 1m");
    }

    [Fact]
    public void A_notification_for_its_stream_re_renders_it_with_the_open_candle()
    {
        Feeder.ApplyClosed(100);
        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc));
        var before = cut.Find("[data-testid=stream-dashboard]").GetAttribute("data-version");

        var updates = Feeder.NextCandleUpdates(openUpdates: 1).Take(1).ToList();

        cut.WaitForAssertion(() =>
        {
            cut.Find("[data-testid=stream-dashboard]").GetAttribute("data-version").Should().NotBe(before);
            cut.Find("[data-testid=last-price]").TextContent.Should().Be(DisplayFormat.Price(updates[0].Close));
            cut.Find("[data-testid=candle-table] tbody tr").TextContent.Should().Contain("open");
        }, Patience);
    }

    [Fact]
    public async Task It_subscribes_to_its_own_stream_only_and_lets_go_when_disposed()
    {
        UseSteppedTime();
        Feeder.ApplyClosed(60);
        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Link));
        Market.SubscriberCount.Should().Be(1);
        var rendersBefore = cut.RenderCount;

        Feeder.ApplyClosed(20);
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        cut.RenderCount.Should().Be(rendersBefore, "LTCUSDT changes must not re-render the LINKUSDT page");
        Market.Apply(FakeMarket.Closed(Link.Symbol, 0));
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        cut.RenderCount.Should().Be(rendersBefore + 1, "a LINKUSDT change re-renders it, by the same clock");

        await DisposeComponentsAsync();
        Market.SubscriberCount.Should().Be(0);
    }

    [Theory]
    [InlineData("Reset", true)]
    [InlineData("Cancel", false)]
    public void Reset_account_asks_first_and_only_a_yes_resets_it(string answer, bool resets)
    {
        Feeder.ApplyClosed(3_000);
        var before = Market.Snapshot(Ltc);
        before.Fills.Should().NotBeEmpty("the sample trades, so a reset has something to clear");
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc));

        cut.Find("[data-testid=reset-account]").Click();
        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Reset the LTCUSDT 1m paper account?"), Patience);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == answer).Click();

        cut.WaitForAssertion(() =>
        {
            var after = Market.Snapshot(Ltc);
            if (resets) after.Account.Should().Be(new CryptoStreamLab.Core.Trading.AccountState(after.StartingBalance, 0, 0, 0, 0));
            else after.Account.Should().Be(before.Account);
            after.Fills.Should().HaveCount(resets ? 0 : before.Fills.Count);
        }, Patience);
    }
}
