using Bunit;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Web.Components.Dashboard;
using CryptoStreamLab.Web.Components.Layout;
using CryptoStreamLab.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Components.Dashboard;

public sealed class NavigationAndLayoutTests : DashboardTestContext
{
    [Fact]
    public void The_home_address_shows_the_first_configured_stream()
    {
        var cut = Render<StreamPage>();

        cut.Find("h1").TextContent.Should().Be("LTCUSDT 1m");
        Market.SubscriberCount.Should().Be(1, "only the stream on screen is watched");
    }

    [Fact]
    public void A_stream_address_shows_that_stream_and_an_unknown_one_lists_the_configured_streams()
    {
        var link = Render<StreamPage>(p => p.Add(c => c.Symbol, "linkusdt").Add(c => c.Interval, "1m"));
        link.Find("h1").TextContent.Should().Be("LINKUSDT 1m");

        var unknown = Render<StreamPage>(p => p.Add(c => c.Symbol, "BTCUSDT").Add(c => c.Interval, "1m"));
        unknown.Find("h1").TextContent.Should().Be("Unknown stream");
        unknown.Markup.Should().Contain("/stream/LTCUSDT/1m").And.Contain("/stream/LINKUSDT/1m");
    }

    [Fact]
    public void A_node_without_engines_lists_no_configured_stream_before_one_is_published()
    {
        var dashboardOnly = new StreamDirectory([Ltc], new EngineSettings(new StrategyOptions(), new TradingOptions(), 1_000), runsEngines: false);
        Services.AddSingleton(dashboardOnly);

        var cut = Render<StreamPage>();

        cut.Find("h1").TextContent.Should().Be("No streams yet");
        cut.Markup.Should().NotContain("/stream/LTCUSDT/1m", "a configured stream no engine published is not offered as an empty one");
    }

    [Fact]
    public async Task An_address_of_a_stream_not_known_yet_shows_that_stream_once_it_appears()
    {
        var cut = Render<StreamPage>(p => p.Add(c => c.Symbol, "XRPUSDT").Add(c => c.Interval, "1m"));
        cut.Find("h1").TextContent.Should().Be("Unknown stream");

        Market.Apply(FakeMarket.Closed("DOGEUSDT", 0));
        cut.WaitForAssertion(() => cut.Markup.Should().Contain("/stream/DOGEUSDT/1m"), Patience);
        cut.Find("h1").TextContent.Should().Be("Unknown stream", "another new stream is not the one the address names");

        Market.Apply(FakeMarket.Closed("XRPUSDT", 0));
        cut.WaitForAssertion(() => cut.Find("h1").TextContent.Should().Be("XRPUSDT 1m"), Patience);
        Market.SubscriberCount.Should().Be(1, "the page stopped watching for new streams: only the dashboard's subscription is left");

        await DisposeComponentsAsync();
        Market.SubscriberCount.Should().Be(0);
    }

    [Fact]
    public async Task Switching_streams_moves_the_subscription_to_the_new_stream()
    {
        UseSteppedTime();
        var cut = Render<StreamPage>(p => p.Add(c => c.Symbol, "LTCUSDT").Add(c => c.Interval, "1m"));

        cut.Render(p => p.Add(c => c.Symbol, "LINKUSDT").Add(c => c.Interval, "1m"));
        cut.Find("h1").TextContent.Should().Be("LINKUSDT 1m");
        Market.SubscriberCount.Should().Be(1, "the LTCUSDT dashboard was disposed with its subscription");

        var dashboard = cut.FindComponent<StreamDashboard>();
        var rendersBefore = dashboard.RenderCount;
        Feeder.ApplyClosed(5); // LTCUSDT only
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        dashboard.RenderCount.Should().Be(rendersBefore);
        Market.Apply(FakeMarket.Closed(Link.Symbol, 0));
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        dashboard.RenderCount.Should().Be(rendersBefore + 1, "a LINKUSDT change re-renders it, by the same clock");
    }

    [Theory]
    [InlineData("LTCUSDT", "1m", "LTCUSDT 1m")]
    [InlineData("ltcusdt", "1m", "LTCUSDT 1m")]
    [InlineData("LTCUSDT", "1M", null)]
    [InlineData("LTCUSDT", "2x", null)]
    [InlineData(null, null, "LTCUSDT 1m")]
    public void Routes_resolve_only_configured_streams(string? symbol, string? interval, string? expected) =>
        (StreamRoutes.Resolve([Ltc, Link], symbol, interval)?.ToString()).Should().Be(expected);

    [Fact]
    public async Task The_picker_navigates_to_the_chosen_symbol_keeping_the_interval()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Render<StreamPicker>(p => p.Add(c => c.Current, Ltc));

        var symbol = cut.FindComponent<MudBlazor.MudSelect<string>>().Instance;
        await cut.InvokeAsync(() => symbol.ValueChanged.InvokeAsync("LINKUSDT"));

        navigation.Uri.Should().EndWith("/stream/LINKUSDT/1m");
    }

    [Fact]
    public void The_layout_switches_between_dark_and_light_and_labels_the_switch()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));
        var toggle = cut.Find("[data-testid=theme-toggle]");
        toggle.GetAttribute("aria-label").Should().Be("Switch to light theme");

        toggle.Click();

        cut.Find("[data-testid=theme-toggle]").GetAttribute("aria-label").Should().Be("Switch to dark theme");
        cut.Find("[data-testid=stream-nav]").Should().NotBeNull();
        cut.Find("[data-testid=pipeline-status]").Should().NotBeNull();
    }
}
