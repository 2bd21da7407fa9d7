using System.Globalization;
using System.IO.Compression;
using System.Text;
using Bunit;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Strategies;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Components.Backtesting;
using CryptoStreamLab.Web.Components.Pages;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace CryptoStreamLab.Tests.Web.Components.Backtesting;

/// <summary>The backtest page with a stream that has retained 1,000 real candles (and one still open).</summary>
public sealed class BacktestPageTests : BunitContext, IAsyncLifetime
{
    private static readonly StreamKey Avax = new("AVAXUSDT", KlineInterval.OneMinute);
    // Generous: the machine may be busy with parallel test classes, and a timeout here only slows a failing run.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Periods and thresholds that trade often on these candles, so the fill list has rows.
    private readonly StrategyOptions _strategy = new() { FastPeriod = 7, SlowPeriod = 25, BuyRsiMin = 30, BuyRsiMax = 90, SellRsiMin = 20 };
    private readonly TradingOptions _trading = new() { StartingBalance = 5_000m };
    private readonly Candle[] _closed = TestCandles.Avax().Take(1_000).ToArray();

    public BacktestPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddCircuitServices();
        var market = new StreamDirectory([Avax], new EngineSettings(new StrategyOptions(), new TradingOptions(), BufferCapacity: 2_000));
        foreach (var candle in _closed) market.Apply(candle);
        market.Apply(TestCandles.Avax()[1_000] with { IsClosed = false });
        Services.AddSingleton(market);
        Services.AddSingleton(StrategyLineup.Seed(_strategy));
        Services.AddSingleton(StrategyCatalog.BuiltIn);
        Services.AddSingleton(Options.Create(_trading));
        Services.AddSingleton(Options.Create(_dashboard));
    }

    private readonly CryptoStreamLab.Web.Components.DashboardOptions _dashboard = new();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    [Fact]
    public void Parameters_start_from_the_configured_options_and_the_streams_closed_candles_are_offered()
    {
        var cut = Render<Backtest>();

        NumericInput(cut, "FastPeriod").GetAttribute("value").Should().Be("7");
        NumericInput(cut, "Starting balance").GetAttribute("value").Should().Be("5000");
        cut.Find("#candle-count").TextContent.Should().Be("1000 closed candles retained", "the open candle is not decided on yet");
        cut.Find("#run").HasAttribute("disabled").Should().BeFalse();
        cut.FindAll("#problems").Should().BeEmpty();
    }

    [Fact]
    public void Invalid_parameters_are_listed_with_their_keys_and_block_the_run_without_changing_the_defaults()
    {
        var cut = Render<Backtest>();

        NumericInput(cut, "FastPeriod").Change("60");
        NumericInput(cut, "Fee rate").Change("0.5");

        var problems = cut.Find("#problems").TextContent;
        problems.Should().Contain("Strategy:FastPeriod (60) must be shorter than Strategy:SlowPeriod (25)")
            .And.Contain("Trading:FeeRate must be at least 0 and below 0.1");
        cut.Find("#run").HasAttribute("disabled").Should().BeTrue();
        _strategy.FastPeriod.Should().Be(7, "the page edits a copy of the configured options");
    }

    [Fact]
    public void A_run_on_stream_history_shows_the_backtesters_statistics_and_fills()
    {
        var expected = Backtester.Run(Avax, new EngineSettings(_strategy, _trading), _closed);
        expected.Fills.Should().HaveCountGreaterThan(3, "the run must have fills to list");

        var cut = Render<Backtest>();
        cut.Find("#run").Click();

        cut.WaitForAssertion(() => cut.FindAll("#statistics").Should().ContainSingle(), Patience);
        var rows = cut.FindAll("#statistics tr").Select(r => (r.QuerySelector("th")!.TextContent, r.QuerySelector("td")!.TextContent)).ToList();
        rows.Should().Equal(StatisticsRows.For(expected.Statistics));
        cut.Find("#status").TextContent.Should().Be("Ran 1000 candles of AVAXUSDT 1m.");
        cut.Markup.Should().Contain($"Fills ({expected.Fills.Count})");
        cut.FindAll("#fills tbody tr").Should().HaveCount(Math.Min(20, expected.Fills.Count));
        cut.FindAll("[data-chart=price]").Should().ContainSingle();
        cut.FindAll("[data-chart=equity]").Should().ContainSingle();
    }

    [Fact]
    public void An_uploaded_file_with_a_bad_row_shows_the_line_and_cannot_be_run()
    {
        var cut = Render<Backtest>();
        ChooseUpload(cut);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "open_time,open,high,low,close,volume\n1699999980000,10,11,9,10,5\n1700000040000,10,9,11,10,5\n", "BADUSDT-1m.csv"));

        cut.WaitForAssertion(() => cut.Find("#upload-error").TextContent.Should().Be("Line 3: high 9 is below low 11"), Patience);
        cut.Find("#run").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void An_upload_over_the_size_limit_is_refused_before_reading()
    {
        var cut = Render<Backtest>();
        ChooseUpload(cut);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[_dashboard.UploadMaxBytes + 1], "BIGUSDT-1m.csv"));

        cut.WaitForAssertion(() => cut.Find("#upload-error").TextContent.Should().Contain("the limit is 20 MB"), Patience);
    }

    [Fact]
    public void A_gzip_bomb_of_newlines_is_refused_at_the_decompressed_limit_with_a_message()
    {
        _dashboard.UploadMaxDecompressedBytes = 32L * 1024 * 1024;
        var bomb = Gzip("open_time,open,high,low,close,volume\n" + new string('\n', 48 * 1024 * 1024));
        bomb.Length.Should().BeLessThan(1024 * 1024, "a small upload");
        var cut = Render<Backtest>();
        ChooseUpload(cut);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bomb, "BOMBUSDT-1m.csv.gz"));

        cut.WaitForAssertion(() => cut.Find("#upload-error").TextContent.Should()
            .Be("BOMBUSDT-1m.csv.gz: more than 32 MB once decompressed; the limit is 32 MB (Dashboard:UploadMaxDecompressedBytes)."), Patience);
        cut.Find("#run").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void An_upload_with_more_candles_than_the_limit_is_refused_with_a_message()
    {
        _dashboard.UploadMaxRows = 100;
        var cut = Render<Backtest>();
        ChooseUpload(cut);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(GenericCsv(_closed.Take(101)), "LTCUSDT-1m-rows.csv"));

        cut.WaitForAssertion(() => cut.Find("#upload-error").TextContent.Should()
            .Be("LTCUSDT-1m-rows.csv: more than 100 candles; the limit is 100 (Dashboard:UploadMaxRows)."), Patience);
    }

    [Fact]
    public void A_gzipped_upload_cut_short_is_refused_naming_the_file()
    {
        var whole = Gzip(GenericCsv(_closed));
        var cut = Render<Backtest>();
        ChooseUpload(cut);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(whole[..^1_000], "AVAXUSDT-1m-cut.csv.gz"));

        cut.WaitForAssertion(() => cut.Find("#upload-error").TextContent.Should()
            .StartWith("AVAXUSDT-1m-cut.csv.gz: the gzip data does not end with its trailer"), Patience);
        cut.FindAll("#candle-count").Should().BeEmpty();
    }

    [Fact]
    public void A_gzipped_upload_runs_with_the_symbol_and_interval_from_its_name()
    {
        var cut = Render<Backtest>();
        ChooseUpload(cut);
        // Read as 5m candles, the rows must open on 5-minute boundaries.
        var fiveMinute = _closed.Where(c => c.OpenTime % 300_000 == 0).ToList();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Gzip(GenericCsv(fiveMinute)), "LTCUSDT-5m-sample.csv.gz"));
        cut.WaitForAssertion(() => cut.Find("#candle-count").TextContent.Should().Be("200 candles of LTCUSDT 5m from LTCUSDT-5m-sample.csv.gz"), Patience);
        cut.Find("#run").Click();

        cut.WaitForAssertion(() => cut.Find("#status").TextContent.Should().Be("Ran 200 candles of LTCUSDT 5m."), Patience);
        var expected = Backtester.Run(new StreamKey("LTCUSDT", KlineInterval.FiveMinutes), new EngineSettings(_strategy, _trading),
            fiveMinute.Select(c => c with { Symbol = "LTCUSDT", Interval = KlineInterval.FiveMinutes, CloseTime = c.OpenTime + 299_999, QuoteVolume = 0, TradeCount = 0 }));
        cut.FindAll("#statistics td").Select(td => td.TextContent).Should().Equal(StatisticsRows.For(expected.Statistics).Select(r => r.Value));
    }

    [Fact]
    public void A_sweep_ranks_every_set_like_the_core_sweep_highlights_the_best_and_can_hand_a_set_to_the_form()
    {
        var grid = "fast=4:8:2;slow=25,30";
        var baseline = new EngineSettings(_strategy, _trading);
        var expected = ParameterSweep.Run(Avax, baseline, ParameterGrid.Parse(grid, baseline).Sets, _closed);

        var cut = Render<Backtest>();
        cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Grid").Find("input").Change(grid);
        cut.Find("#sweep-run").Click();

        cut.WaitForAssertion(() => cut.Find("#sweep-status").TextContent.Should().StartWith("6 parameter sets × 1000 candles of AVAXUSDT 1m"), Patience);
        var rows = cut.FindAll("#sweep-results tbody tr");
        rows.Should().HaveCount(6);
        rows.Select(r => (r.Children[1].TextContent, r.Children[2].TextContent)).Should().Equal(
            expected.Select(e => (e.Setup.SeedOptions!.FastPeriod.ToString(CultureInfo.InvariantCulture), e.Setup.SeedOptions.SlowPeriod.ToString(CultureInfo.InvariantCulture))));
        rows.Select(r => r.ClassList.Contains("sweep-best")).Should().Equal(true, true, true, false, false, false);

        rows[0].QuerySelector(".sweep-use")!.Click();
        // The form takes the set once the button's handler has run and the page has rendered again.
        cut.WaitForAssertion(() =>
        {
            NumericInput(cut, "FastPeriod").GetAttribute("value").Should().Be(expected[0].Setup.SeedOptions!.FastPeriod.ToString(CultureInfo.InvariantCulture));
            NumericInput(cut, "SlowPeriod").GetAttribute("value").Should().Be(expected[0].Setup.SeedOptions!.SlowPeriod.ToString(CultureInfo.InvariantCulture));
        }, Patience);
    }

    [Fact]
    public void A_bad_grid_is_reported_and_nothing_runs()
    {
        var cut = Render<Backtest>();
        cut.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Grid").Find("input").Change("fast=10;speed=3");
        cut.Find("#sweep-run").Click();

        cut.Find("#sweep-error").TextContent.Should().Contain("unknown parameter 'speed'");
        cut.FindAll("#sweep-results").Should().BeEmpty();
    }

    private static AngleSharp.Dom.IElement NumericInput(IRenderedComponent<Backtest> cut, string label) =>
        cut.FindComponents<MudTextField<string>>().Where(f => f.Instance.Label == label).Select(f => f.Find("input"))
            .Concat(cut.FindComponents<MudNumericField<decimal>>().Where(f => f.Instance.Label == label).Select(f => f.Find("input")))
            .Single();

    private static void ChooseUpload(IRenderedComponent<Backtest> cut)
    {
        var group = cut.FindComponent<MudRadioGroup<BacktestSource>>();
        cut.InvokeAsync(() => group.Instance.ValueChanged.InvokeAsync(BacktestSource.Upload));
        cut.WaitForAssertion(() => cut.FindComponents<InputFile>().Should().ContainSingle(), Patience);
    }

    private static string GenericCsv(IEnumerable<Candle> candles)
    {
        var text = new StringBuilder("open_time,open,high,low,close,volume\n");
        foreach (var c in candles)
            text.Append(CultureInfo.InvariantCulture, $"{c.OpenTime},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume}\n");
        return text.ToString();
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }
}
