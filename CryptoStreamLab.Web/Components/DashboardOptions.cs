namespace CryptoStreamLab.Web.Components;

/// <summary>How the dashboard draws and how often it pushes renders (appsettings section "Dashboard").</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>The portfolio chart's floor line as a fraction of the starting balance (the seed drew 9,300 on 10,000).</summary>
    public double FloorRatio { get; set; } = 0.93;

    /// <summary>Upper bound on renders one browser circuit receives per second; updates in between are coalesced.</summary>
    public int MaxRendersPerSecond { get; set; } = 4;

    /// <summary>
    /// Candles the charts show (the newest ones; the buffer may hold more). Every chart redraw in the browser
    /// costs in proportion to this, and with many viewers on one machine the browsers' redraws dominate.
    /// </summary>
    public int ChartCandles { get; set; } = 300;

    public TimeSpan MinRenderInterval => TimeSpan.FromSeconds(1.0 / MaxRendersPerSecond);

    public IEnumerable<string> Validate()
    {
        if (!(FloorRatio > 0 && FloorRatio <= 1))
            yield return $"{SectionName}:FloorRatio must be above 0 and at most 1 (is {FloorRatio}).";
        if (MaxRendersPerSecond < 1 || MaxRendersPerSecond > 60)
            yield return $"{SectionName}:MaxRendersPerSecond must be between 1 and 60 (is {MaxRendersPerSecond}).";
        if (ChartCandles < 10 || ChartCandles > 100_000)
            yield return $"{SectionName}:ChartCandles must be between 10 and 100000 (is {ChartCandles}).";
    }
}
