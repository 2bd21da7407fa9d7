using Bunit;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Web.Components.Charts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;

namespace CryptoStreamLab.Tests.Web.Components.Charts;

/// <summary>What the candle chart gives the browser module for its scroll-back: a handle to call, and older points as traces.</summary>
public sealed class CandleChartHistoryTests : DashboardTestContext
{
    private readonly BunitJSModuleInterop _module;

    public CandleChartHistoryTests()
    {
        _module = JSInterop.SetupModule(ChartModule.Path);
        _module.SetupVoid("update", _ => true).SetVoidResult();
        _module.SetupVoid("create", _ => true).SetVoidResult();
        // No archive folder: the live buffer is the only history.
        Services.AddSingleton(new ArchiveLookback(new CandleArchiveReader(Path.Combine(Path.GetTempPath(), $"no-archive-{Guid.NewGuid():N}"), NullLogger.Instance),
            new StrategyOptions(), NullLogger.Instance, key => Market.Snapshot(key).Candles));
    }

    [Fact]
    public async Task The_candle_chart_is_created_with_a_handle_that_returns_older_candles_averages_and_rsi()
    {
        Feeder.ApplyClosed(1_000);
        var snapshot = Market.Snapshot(Ltc);
        var candles = Render<CandleChart>(p => p.Add(c => c.Snapshot, snapshot));
        var rsi = Render<StrategyPanelChart>(p => p.Add(c => c.Snapshot, snapshot));

        var created = _module.Invocations["create"].ToList();
        created.Select(a => ((string)a.Arguments[0]!, (string)a.Arguments[2]!)).Should().Equal(
            [(candles.Instance.ElementId, "LTCUSDT-1m"), (rsi.Instance.ElementId, "LTCUSDT-1m")], "the stream links its charts in the browser");
        created[0].Arguments[3].Should().BeOfType<DotNetObjectReference<CandleChart>>("the candle chart loads history");
        created[1].Arguments[3].Should().BeNull("the RSI chart takes what the candle chart loads");

        var oldestShown = snapshot.Candles[^300].OpenTime;
        var history = await Renderer.Dispatcher.InvokeAsync(() => candles.Instance.LoadHistoryAsync(oldestShown));

        var older = snapshot.Candles.Skip(200).Take(500).ToList();
        var evaluations = snapshot.Evaluations.Skip(200).Take(500).ToList();
        history.More.Should().BeTrue("200 older candles remain");
        history.Candles.Select(t => t.Index).Should().Equal(0, 1, 2);
        history.Candles[0].Columns["time"].Cast<long>().Should().Equal(older.Select(c => c.OpenTime));
        history.Candles[0].Columns["close"].Cast<decimal>().Should().Equal(older.Select(c => c.Close));
        history.Candles[0].Columns["volume"].Cast<decimal>().Should().Equal(older.Select(c => c.Volume), "the volume pane scrolls back with the candles");
        history.Candles[1].Columns["value"].Cast<double?>().Should().Equal(evaluations.Select(e => (double?)e.FastMa));
        history.Candles[2].Columns["value"].Cast<double?>().Should().Equal(evaluations.Select(e => (double?)e.SlowMa));
        history.Panel.Should().ContainSingle().Which.Columns["value"].Cast<double?>().Should().Equal(evaluations.Select(e => (double?)e.Rsi));

        var oldest = await Renderer.Dispatcher.InvokeAsync(() => candles.Instance.LoadHistoryAsync(older[0].OpenTime));
        oldest.More.Should().BeFalse("the buffer's first candle is the oldest known");
        oldest.Candles[1].Columns["value"].Cast<double?>().Take(19).Should().OnlyContain(v => v == null, "a gap where the average warms up");
        (await Renderer.Dispatcher.InvokeAsync(() => candles.Instance.LoadHistoryAsync(snapshot.Candles[0].OpenTime))).Should().Be(ChartScrollBack.None);
    }
}
