namespace CryptoStreamLab.Web.Components;

/// <summary>How the dashboard draws and how often it pushes renders (appsettings section "Dashboard").</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>The portfolio chart's floor line as a fraction of the starting balance (the seed drew 9,300 on 10,000).</summary>
    public double FloorRatio { get; set; } = 0.93;

    /// <summary>Upper bound on renders one browser circuit receives per second; updates in between are coalesced.</summary>
    public int MaxRendersPerSecond { get; set; } = 4;

    public TimeSpan MinRenderInterval => TimeSpan.FromSeconds(1.0 / MaxRendersPerSecond);

    public IEnumerable<string> Validate()
    {
        if (!(FloorRatio > 0 && FloorRatio <= 1))
            yield return $"{SectionName}:FloorRatio must be above 0 and at most 1 (is {FloorRatio}).";
        if (MaxRendersPerSecond < 1 || MaxRendersPerSecond > 60)
            yield return $"{SectionName}:MaxRendersPerSecond must be between 1 and 60 (is {MaxRendersPerSecond}).";
    }
}
