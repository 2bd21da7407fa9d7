using System.Globalization;

namespace CryptoStreamLab.Tests.Web.Telemetry;

/// <summary>Reads values out of a Prometheus text exposition, as a scraper would.</summary>
public static class PrometheusText
{
    /// <summary>The sum of every sample of <paramref name="metric"/> (any labels); 0 when there is none.</summary>
    public static double Sum(string text, string metric) =>
        text.Split('\n')
            .Where(line => line.StartsWith(metric, StringComparison.Ordinal) && line.Length > metric.Length && line[metric.Length] is '{' or ' ')
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>Whether the exposition has at least one sample of <paramref name="metric"/>.</summary>
    public static bool Has(string text, string metric) =>
        text.Split('\n').Any(line => line.StartsWith(metric, StringComparison.Ordinal) && line.Length > metric.Length && line[metric.Length] is '{' or ' ');
}
