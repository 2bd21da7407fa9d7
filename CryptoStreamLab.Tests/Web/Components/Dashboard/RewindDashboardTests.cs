using System.Globalization;
using Bunit;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Web.Components.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoStreamLab.Tests.Web.Components.Dashboard;

/// <summary>
/// The stream page rewound to a past time: a banner naming it, the cards and trading log as <see cref="StreamRewind"/> gives
/// the moment, the address carrying the time, a message for a time outside the history, and Back to live.
/// </summary>
public sealed class RewindDashboardTests : DashboardTestContext
{
    private readonly StreamRewind _rewind;

    // The seed trading on every cross, so that the sample has fills before the newest candle.
    public RewindDashboardTests()
        : base(StrategyLineup.Single(StrategySetup.Seed(new StrategyOptions { BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 0 })))
    {
        var archive = new CandleArchiveReader(Path.Combine(Path.GetTempPath(), $"no-archive-{Guid.NewGuid():N}"), NullLogger.Instance);
        var lookback = new ArchiveLookback(archive, new StrategyOptions(), NullLogger.Instance, key => Market.Snapshot(key).Candles);
        _rewind = new StreamRewind(lookback, archive, key => Market.Snapshot(key).Candles, new LiveAccounts(Market), Market.Lineup,
            Market.Snapshot(Ltc).StartingBalance);
        Services.AddSingleton(lookback);
        Services.AddSingleton(_rewind);
    }

    [Fact]
    public async Task A_rewound_page_shows_the_moment_StreamRewind_gives_and_back_to_live_restores_the_live_figures()
    {
        Feeder.ApplyClosed(400);
        var live = Market.Snapshot(Ltc);
        var fills = live.Fills;
        // A candle after a fill in the middle of the trades (the log has rows), well before the newest.
        var candle = fills.Count > 1 ? fills[fills.Count / 2].CandleOpenTime : live.Candles[200].OpenTime;
        var at = candle + 30_000;
        var moment = (await _rewind.AtAsync(Ltc, Market.Lineup.For(Ltc)[0], at)).Moment!;
        moment.Candle.OpenTime.Should().Be(candle);
        moment.Fills.Should().NotBeEmpty("the log is compared row by row");

        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc).Add(c => c.At, RewoundView.QueryForm(at)));

        cut.WaitForAssertion(() => cut.Find("[data-testid=rewind-viewing]").TextContent.Should().Be($"Viewing {RewindControl.Label(at)} UTC"), Patience);
        cut.Find("[data-testid=last-price]").TextContent.Should().Be(DisplayFormat.Price(moment.Candle.Close));
        cut.Find("[data-testid=signal]").TextContent.Should().Be(DisplayFormat.Signal(moment.Signal));
        cut.Find("[data-testid=position]").TextContent.Should().Be(moment.Quantity > 0 ? DisplayFormat.Quantity(moment.Quantity) : "Flat");
        cut.Find("[data-testid=cash]").TextContent.Should().Be(DisplayFormat.Money(moment.Cash));
        cut.Find("[data-testid=equity]").TextContent.Should().Be(DisplayFormat.Money(moment.Equity));
        LogCash(cut).Should().Equal(moment.Fills.Reverse().Select(f => DisplayFormat.Money(f.CashAfter)));
        cut.Find("[data-testid=rewind-at]").GetAttribute("value").Should().Be(RewoundView.QueryForm(at - 30_000)[..^1]);
        DisplayFormat.Price(moment.Candle.Close).Should().NotBe(DisplayFormat.Price(live.LastClose), "the moment is not the live view");

        // Live changes do not move a rewound page.
        Feeder.ApplyClosed(5);
        var moved = Market.Snapshot(Ltc).Version;
        cut.WaitForAssertion(() => cut.Find("[data-testid=stream-dashboard]").GetAttribute("data-version").Should().Be(moved.ToString(CultureInfo.InvariantCulture)), Patience);
        cut.Find("[data-testid=last-price]").TextContent.Should().Be(DisplayFormat.Price(moment.Candle.Close));

        await cut.Find("[data-testid=rewind-live]").ClickAsync(new());

        var now = Market.Snapshot(Ltc);
        cut.WaitForAssertion(() => cut.Find("[data-testid=last-price]").TextContent.Should().Be(DisplayFormat.Price(now.LastClose)), Patience);
        cut.FindAll("[data-testid=rewind-banner]").Should().BeEmpty();
        cut.Find("[data-testid=cash]").TextContent.Should().Be(DisplayFormat.Money(now.Account.Cash));
        cut.Find("[data-testid=equity]").TextContent.Should().Be(DisplayFormat.Money(now.Equity));
        LogCash(cut).Should().Equal(now.Fills.Reverse().Take(TradingLog.MaxRows).Select(f => DisplayFormat.Money(f.CashAfter)));
        Services.GetRequiredService<NavigationManager>().Uri.Should().NotContain("at=");
    }

    [Fact]
    public void Go_puts_the_time_in_the_address_and_a_time_outside_the_history_shows_the_message_under_the_field()
    {
        Feeder.ApplyClosed(300);
        var live = Market.Snapshot(Ltc);
        var cut = Render<StreamDashboard>(p => p.Add(c => c.Stream, Ltc));
        var navigation = Services.GetRequiredService<NavigationManager>();

        cut.Find("[data-testid=rewind-at]").Change("2001-01-01T00:00");
        cut.Find("[data-testid=rewind-go]").Click();

        cut.Find("[data-testid=rewind-error]").TextContent.Should().Contain("2001-01-01T00:00:00Z is before the stream's history");
        cut.FindAll("[data-testid=rewind-banner]").Should().BeEmpty();
        cut.Find("[data-testid=last-price]").TextContent.Should().Be(DisplayFormat.Price(live.LastClose));

        var at = live.Candles[100].OpenTime;
        cut.Find("[data-testid=rewind-at]").Change(RewoundView.QueryForm(at)[..^1]);
        cut.Find("[data-testid=rewind-go]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=rewind-viewing]").TextContent.Should().Be($"Viewing {RewindControl.Label(at)} UTC"), Patience);
        cut.FindAll("[data-testid=rewind-error]").Should().BeEmpty();
        cut.Find("[data-testid=last-price]").TextContent.Should().Be(DisplayFormat.Price(live.Candles[100].Close));
        Uri.UnescapeDataString(navigation.Uri).Should().EndWith($"?at={RewoundView.QueryForm(at)}");
    }

    private static List<string> LogCash(IRenderedComponent<StreamDashboard> cut) =>
        cut.FindAll("[data-testid=trading-log] tbody tr").Where(r => r.QuerySelectorAll("td").Length == 7)
            .Select(r => r.QuerySelectorAll("td")[5].TextContent).ToList();

    /// <summary>The account history the live engine wrote: its evaluations' accounts and its fills, read by time.</summary>
    private sealed class LiveAccounts(StreamDirectory market) : IAccountHistory
    {
        public EquityPoint? AsOf(string ledgerId, long time) =>
            market.Snapshot(Ltc).Evaluations.LastOrDefault(e => e.Candle.OpenTime <= time) is { Candle.OpenTime: > 0 } e
                ? new EquityPoint(e.Candle.OpenTime, e.Candle.Close, e.Cash, e.Quantity, e.Equity)
                : null;

        public IReadOnlyList<Fill> FillsUpTo(string ledgerId, long time, int count) =>
            market.Snapshot(Ltc).Fills.Where(f => f.CandleOpenTime <= time).TakeLast(count).ToList();
    }
}
