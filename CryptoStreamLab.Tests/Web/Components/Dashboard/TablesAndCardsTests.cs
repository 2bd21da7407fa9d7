using Bunit;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Web.Components.Dashboard;

using static CryptoStreamLab.Tests.Web.Components.Snapshots;

namespace CryptoStreamLab.Tests.Web.Components.Dashboard;

/// <summary>Cards and tables draw the snapshot their parent hands them; a newer snapshot redraws them.</summary>
public sealed class TablesAndCardsTests : DashboardTestContext
{
    [Fact]
    public void Market_cards_show_price_change_rsi_signal_position_equity_and_pnl()
    {
        // Equity is the account valued at the newest close: 9,780 + 2 × 110.
        var snapshot = Of([Candle(0, 100m), Candle(1, 110m, closed: false)], account: new AccountState(9_780m, 2m, 100m, 0.2m, 1));

        var cut = Render<MarketCards>(p => p.Add(c => c.Snapshot, snapshot));

        Text(cut, "last-price").Should().Be("110");
        Text(cut, "change").Should().Be("+10.00 %"); // 100 → 110 over the buffer
        Text(cut, "rsi").Should().Be("55.0");
        Text(cut, "signal").Should().Be("HOLD");
        Text(cut, "position").Should().Be("2");
        Text(cut, "equity").Should().Be("10,000.00");
        Text(cut, "pnl").Should().Be("0.00 %");
        cut.Find("[role=region]").GetAttribute("aria-label").Should().Be("LTCUSDT 1m figures");
    }

    [Fact]
    public void Market_cards_follow_a_newer_snapshot()
    {
        var cut = Render<MarketCards>(p => p.Add(c => c.Snapshot, Of([Candle(0, 100m)])));

        cut.Render(p => p.Add(c => c.Snapshot, Of([Candle(0, 100m), Candle(1, 99.5m, closed: false)], version: 2)));

        Text(cut, "last-price").Should().Be("99.5");
        Text(cut, "change").Should().Be("-0.50 %");
        Text(cut, "position").Should().Be("Flat");
    }

    [Fact]
    public void Trading_log_lists_fills_newest_first_with_every_column_and_a_caption()
    {
        var snapshot = Of([Candle(0, 100m), Candle(5, 120m)], fills: [Buy(1, 100m, 99.9m), Sell(5, 120m, 99.9m)]);

        var cut = Render<TradingLog>(p => p.Add(c => c.Snapshot, snapshot));

        cut.Find("caption").TextContent.Should().Be("Trading log — LTCUSDT 1m (2 trades)");
        cut.FindAll("thead th").Select(th => th.TextContent).Should().Equal("Time", "Action", "Price", "Quantity", "Fee", "Cash", "Equity");
        var rows = cut.FindAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        rows[0].Should().Equal("2026-02-01 00:05:00 UTC", "SELL", "120", "99.9", "1.25", "11,986.75", "11,986.75");
        rows[1].Should().Equal("2026-02-01 00:01:00 UTC", "BUY", "100", "99.9", "1.50", "0.50", "9,990.50");
    }

    [Fact]
    public void Trading_log_says_when_nothing_traded_and_picks_up_a_new_fill()
    {
        var cut = Render<TradingLog>(p => p.Add(c => c.Snapshot, Of([Candle(0, 100m)])));
        cut.Find("tbody").TextContent.Should().Contain("No trades yet.");

        cut.Render(p => p.Add(c => c.Snapshot, Of([Candle(0, 100m)], fills: [Buy(0, 100m, 1m)], version: 2)));

        cut.FindAll("tbody tr").Should().ContainSingle().Which.TextContent.Should().Contain("BUY");
    }

    [Fact]
    public void Trading_log_renders_again_only_when_its_fills_change()
    {
        Fill[] fills = [Buy(1, 100m, 1m)];
        var cut = Render<TradingLog>(p => p.Add(c => c.Snapshot, Of([Candle(0, 100m)], fills: fills)));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.Snapshot, Of([Candle(0, 100m), Candle(1, 101m)], fills: fills, version: 2)));
        cut.RenderCount.Should().Be(renders, "a price update with the same fills changes nothing in the log");

        cut.Render(p => p.Add(c => c.Snapshot, Of([Candle(0, 100m), Candle(1, 101m)], fills: [.. fills, Sell(1, 101m, 1m)], version: 3)));
        cut.RenderCount.Should().BeGreaterThan(renders, "a new fill is a new row");
        cut.FindAll("tbody tr").Should().HaveCount(2);
    }

    [Fact]
    public void Trading_log_shows_risk_exits_by_name()
    {
        var stop = Sell(3, 90m, 1m) with { Reason = FillReason.StopLoss };

        var cut = Render<TradingLog>(p => p.Add(c => c.Snapshot, Of([Candle(0, 100m)], fills: [stop])));

        cut.Find("tbody tr").TextContent.Should().Contain("SELL (StopLoss)");
    }

    [Fact]
    public void Candle_table_shows_the_newest_ten_with_the_open_one_marked()
    {
        var candles = Enumerable.Range(0, 15).Select(i => Candle(i, 100m + i, closed: i < 14)).ToArray();

        var cut = Render<CandleTable>(p => p.Add(c => c.Snapshot, Of(candles)));

        var rows = cut.FindAll("tbody tr");
        rows.Should().HaveCount(CandleTable.MaxRows);
        rows[0].TextContent.Should().Contain("02-01 00:14").And.Contain("open").And.Contain("114");
        rows[1].TextContent.Should().NotContain("open");
        rows[^1].TextContent.Should().Contain("02-01 00:05");
        cut.Find("caption").TextContent.Should().Be("Latest candles — LTCUSDT 1m");
    }

    [Fact]
    public void Waiting_state_names_the_source_and_its_condition()
    {
        var connecting = Render<WaitingState>(p => p.Add(c => c.Stream, Ltc).Add(c => c.Status, FakePipelineStatus.Healthy with { SourceConnected = false }));
        connecting.Find("[data-testid=source-status]").TextContent.Should().Be("Connecting to Replay…");

        var connected = Render<WaitingState>(p => p.Add(c => c.Stream, Ltc).Add(c => c.Status, FakePipelineStatus.Healthy));
        connected.Find("[data-testid=source-status]").TextContent.Should().Be("Replay is connected; no candle for LTCUSDT 1m yet.");

        var unknown = Render<WaitingState>(p => p.Add(c => c.Stream, Ltc).Add(c => c.Status, (PipelineStatus?)null));
        unknown.Find("[data-testid=source-status]").TextContent.Should().Contain("status is unavailable");
        unknown.Find("[role=status]").Should().NotBeNull();
    }

    [Fact]
    public void Waiting_on_a_binance_feed_that_cannot_connect_says_how_to_run_offline()
    {
        var failing = FakePipelineStatus.Healthy with { SourceName = "Binance", SourceConnected = false, SourceError = "connection refused" };
        var down = Render<WaitingState>(p => p.Add(c => c.Stream, Ltc).Add(c => c.Status, failing));
        down.Find("[data-testid=offline-hint]").TextContent.Should().Contain("--MarketData:Source=Replay");

        var connecting = Render<WaitingState>(p => p.Add(c => c.Stream, Ltc).Add(c => c.Status, failing with { SourceError = null }));
        connecting.FindAll("[data-testid=offline-hint]").Should().BeEmpty("a first connection attempt has not failed yet");
        var replay = Render<WaitingState>(p => p.Add(c => c.Stream, Ltc).Add(c => c.Status, failing with { SourceName = "Replay" }));
        replay.FindAll("[data-testid=offline-hint]").Should().BeEmpty("the hint is about leaving Binance for the offline source");
    }

    private static string Text<T>(IRenderedComponent<T> cut, string testId) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find($"[data-testid={testId}]").TextContent.Trim();
}
