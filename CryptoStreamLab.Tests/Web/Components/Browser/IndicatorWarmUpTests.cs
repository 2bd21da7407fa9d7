using System.IO.Compression;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>
/// A replay short enough that the charts still show the stream's first candle, where the indicator lines must
/// begin: not at the chart's left edge or the buffer's start, but once the stream has had a full window.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class IndicatorWarmUpTests : IDisposable
{
    private const int Candles = 120;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("warm-up-");

    [ChromiumFact]
    public async Task Indicator_lines_begin_once_the_stream_has_a_full_window()
    {
        await using var dashboard = await ReplayedDashboard.StartAsync(FirstCandlesOfTheSample());
        var chart = await dashboard.Page.CandleChartAsync();
        var strategy = dashboard.Strategy;

        chart.Candles.X.Should().Equal(dashboard.File.Select(c => c.OpenTime), "the chart shows every candle of the stream");
        chart.FastMa.ShouldAverageTheCloses(chart.Candles, strategy.FastPeriod, dashboard.Ordinal, "MA fast")
            .Should().Be(Candles - strategy.FastPeriod + 1);
        chart.SlowMa.ShouldAverageTheCloses(chart.Candles, strategy.SlowPeriod, dashboard.Ordinal, "MA slow")
            .Should().Be(Candles - strategy.SlowPeriod + 1);
        (await dashboard.Page.RsiAsync()).ShouldBeAnRsi(strategy.RsiPeriod + 1, dashboard.Ordinal);
    }

    /// <summary>The sample's header and first candles as a plain CSV, named so that Replay plays it as LTCUSDT 1m.</summary>
    private string FirstCandlesOfTheSample()
    {
        var path = Path.Combine(_folder.FullName, $"LTCUSDT-1m-first{Candles}.csv");
        using var sample = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, ReplayedDashboard.SampleFile)), CompressionMode.Decompress);
        using var reader = new StreamReader(sample);
        File.WriteAllLines(path, Enumerable.Range(0, Candles + 1).Select(_ => reader.ReadLine()!));
        return path;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
