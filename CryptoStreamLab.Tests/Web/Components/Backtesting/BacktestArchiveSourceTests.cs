using Bunit;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Components.Backtesting;
using CryptoStreamLab.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace CryptoStreamLab.Tests.Web.Components.Backtesting;

/// <summary>The backtest page's "Archived history" source over a real dataset: the LTCUSDT sample's first 1,600 candles (two days).</summary>
public sealed class BacktestArchiveSourceTests : BunitContext, IAsyncLifetime
{
    private static readonly StreamKey Ltc = CsvCandleFeeder.Stream;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _root = Directory.CreateTempSubdirectory("archive-page-").FullName;
    private readonly StrategyOptions _strategy = new() { FastPeriod = 7, SlowPeriod = 25, BuyRsiMin = 30, BuyRsiMax = 90, SellRsiMin = 20 };
    private readonly TradingOptions _trading = new() { StartingBalance = 5_000m };
    private readonly IReadOnlyList<Candle> _archived = CsvCandleFeeder.SampleCandles.Take(1_600).ToList();

    public BacktestArchiveSourceTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddCircuitServices();
        var avax = new StreamKey("AVAXUSDT", KlineInterval.OneMinute);
        Services.AddSingleton(new StreamDirectory([avax], new EngineSettings(new StrategyOptions(), new TradingOptions())));
        Services.AddSingleton(StrategyLineup.Seed(_strategy));
        Services.AddSingleton(StrategyCatalog.BuiltIn);
        Services.AddSingleton(Options.Create(_trading));
        Services.AddSingleton(new CandleArchive(_root, enabled: false, NullLogger<CandleArchive>.Instance));
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        foreach (var day in _archived.GroupBy(c => ArchiveLayout.PartitionOf(c.Symbol, c.Interval, c.OpenTime)))
            await ParquetCandleFile.WriteAsync(Path.Combine(_root, day.Key), day.ToList());
        var eth = _archived.Take(10).Select(c => c with { Symbol = "ETHUSDT" }).ToList();
        await ParquetCandleFile.WriteAsync(Path.Combine(_root, ArchiveLayout.PartitionOf("ETHUSDT", KlineInterval.OneMinute, eth[0].OpenTime)), eth);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Choosing_archived_history_offers_the_archives_streams_and_needs_loaded_candles_to_run()
    {
        var cut = Render<Backtest>();
        ChooseArchive(cut);

        var select = cut.FindComponent<MudSelect<StreamKey?>>();
        cut.FindComponent<ArchiveSourcePanel>().Instance.History.Stream.Should().Be(new StreamKey("ETHUSDT", KlineInterval.OneMinute), "the first stream, by symbol");
        select.FindComponents<MudSelectItem<StreamKey?>>().Select(i => i.Instance.Value).Should().Equal(
            new StreamKey("ETHUSDT", KlineInterval.OneMinute), Ltc);
        cut.Find("#run").HasAttribute("disabled").Should().BeTrue("no candles are loaded yet");
        cut.Find("#archive-load").HasAttribute("disabled").Should().BeFalse("empty ends take the whole history");
    }

    [Theory]
    [InlineData("2026-02-02", "2026-02-01", "From 2026-02-02T00:00:00Z must be before To 2026-02-01T00:00:00Z (To is exclusive).")]
    [InlineData("2026-02-01T12:00:00Z", "2026-02-01T12:00:00Z", "From 2026-02-01T12:00:00Z must be before To 2026-02-01T12:00:00Z (To is exclusive).")]
    [InlineData("yesterday", "", "From 'yesterday' is not a date or time; use 2026-02-01 or 2026-02-01T12:00:00Z (UTC unless an offset is given).")]
    public void A_range_that_cannot_be_used_says_why_inline_and_cannot_be_loaded(string from, string to, string message)
    {
        var cut = Render<Backtest>();
        ChooseArchive(cut);

        TextField(cut, "From (inclusive)").Change(from);
        TextField(cut, "To (exclusive)").Change(to);

        // The page checks the range after the archive's streams are listed, which may finish after the fields changed.
        cut.WaitForAssertion(() => cut.Find("#archive-range-error").TextContent.Should().Be(message), TimeSpan.FromSeconds(10));
        cut.Find("#archive-load").HasAttribute("disabled").Should().BeTrue();
        cut.Find("#run").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void A_range_without_candles_says_so_and_cannot_be_run()
    {
        var cut = Render<Backtest>();
        ChooseArchive(cut, Ltc);
        TextField(cut, "From (inclusive)").Change("2026-01-01");
        TextField(cut, "To (exclusive)").Change("2026-01-31T12:00:00Z");

        cut.Find("#archive-load").Click();

        cut.WaitForAssertion(() => cut.Find("#archive-none").TextContent.Should().Be(
            "The archive has no LTCUSDT 1m candles from 2026-01-01T00:00:00Z to 2026-01-31T12:00:00Z."), Patience);
        cut.Find("#run").HasAttribute("disabled").Should().BeTrue();
        cut.FindAll("#archive-range-error").Should().BeEmpty();
    }

    [Fact]
    public void A_loaded_range_runs_like_the_core_backtester_over_that_range_warmed_on_the_candles_before_and_an_edit_drops_them()
    {
        var from = DateTimeOffset.Parse("2026-02-01T06:00:00Z").ToUnixTimeMilliseconds();
        var to = DateTimeOffset.Parse("2026-02-02T01:00:00Z").ToUnixTimeMilliseconds();
        var expectedCandles = _archived.Where(c => c.OpenTime >= from && c.OpenTime < to).ToList();
        expectedCandles.Should().HaveCount(19 * 60, "the range crosses a day folder");
        // The range is traded; the archived candles before it warm the indicators, as with backtest --archive --from --to.
        var expected = Backtester.Run(Ltc, new EngineSettings(_strategy, _trading), _archived, new TimeWindow(from, to));
        expected.Statistics.Should().NotBe(Backtester.Run(Ltc, new EngineSettings(_strategy, _trading), expectedCandles).Statistics, "the warm-up must matter here");
        expected.Fills.Should().NotBeEmpty("the run must trade to compare");

        var cut = Render<Backtest>();
        ChooseArchive(cut, Ltc);
        TextField(cut, "From (inclusive)").Change("2026-02-01T06:00:00Z");
        TextField(cut, "To (exclusive)").Change("2026-02-02T01:00");
        cut.Find("#archive-load").Click();

        cut.WaitForAssertion(() => cut.Find("#candle-count").TextContent.Trim().Should().Be(
            "1140 candles of LTCUSDT 1m opening from 2026-02-01T06:00:00Z to 2026-02-02T00:59:00Z"), Patience);
        cut.Find("#archive-warm-up").TextContent.Trim().Should().Be("and the 360 candles before, from 2026-02-01T00:00:00Z, to warm the indicators");
        cut.FindAll("#archive-problems").Should().BeEmpty();
        cut.Find("#run").Click();

        cut.WaitForAssertion(() => cut.Find("#status").TextContent.Should().Be("Ran 1140 candles of LTCUSDT 1m."), Patience);
        cut.FindAll("#statistics td").Select(td => td.TextContent).Should().Equal(StatisticsRows.For(expected.Statistics).Select(r => r.Value));
        cut.Markup.Should().Contain($"Fills ({expected.Fills.Count})");

        TextField(cut, "To (exclusive)").Change("2026-02-02T02:00");
        // The edit's render may queue behind the finished run's last one on a busy machine: wait for it, not for a time.
        cut.WaitForAssertion(() => cut.FindAll("#candle-count").Should().BeEmpty("the loaded candles belong to the range before the edit"), Patience);
        cut.Find("#run").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public async Task A_damaged_file_is_named_in_a_warning_and_the_rest_is_loaded()
    {
        var day = Path.Combine(_root, ArchiveLayout.PartitionOf(Ltc.Symbol, Ltc.Interval, _archived[0].OpenTime));
        var damaged = Path.Combine(day, "damaged.parquet");
        await File.WriteAllTextAsync(damaged, "not parquet");

        var cut = Render<Backtest>();
        ChooseArchive(cut, Ltc);
        cut.Find("#archive-load").Click();

        cut.WaitForAssertion(() => cut.Find("#archive-problems").TextContent.Should().Contain("Skipped 1 damaged or foreign archive files")
            .And.Contain(damaged + ":"), Patience);
        cut.Find("#candle-count").TextContent.Trim().Should().StartWith("1600 candles of LTCUSDT 1m");
        cut.Find("#run").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void An_archive_without_streams_says_where_it_looked()
    {
        Directory.Delete(_root, recursive: true);
        var cut = Render<Backtest>();
        ChooseArchive(cut);

        cut.WaitForAssertion(() => cut.Find("#archive-empty").TextContent.Should().Contain($"The archive at {_root} holds no streams yet"), Patience);
        cut.Find("#run").HasAttribute("disabled").Should().BeTrue();
    }

    private static void ChooseArchive(IRenderedComponent<Backtest> cut, StreamKey? stream = null)
    {
        var group = cut.FindComponent<MudRadioGroup<BacktestSource>>();
        cut.InvokeAsync(() => group.Instance.ValueChanged.InvokeAsync(BacktestSource.Archive));
        cut.WaitForAssertion(() => cut.FindComponents<ArchiveSourcePanel>().Should().ContainSingle(), Patience);
        if (stream is null) return;
        var select = cut.FindComponent<MudSelect<StreamKey?>>();
        cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(stream));
        cut.WaitForAssertion(() => cut.FindComponent<ArchiveSourcePanel>().Instance.History.Stream.Should().Be(stream), Patience);
    }

    private static AngleSharp.Dom.IElement TextField(IRenderedComponent<Backtest> cut, string label) =>
        cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == label).Find("input");
}
