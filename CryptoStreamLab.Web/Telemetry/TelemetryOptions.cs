namespace CryptoStreamLab.Web.Telemetry;

/// <summary>
/// How the app's metrics leave the process (appsettings section "OpenTelemetry"): a Prometheus scrape endpoint at
/// <c>/metrics</c>, on by default and behind access control when that is on, and an OTLP push to a collector when
/// <see cref="OtlpSettings.Endpoint"/> is set.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "OpenTelemetry";

    public PrometheusSettings Prometheus { get; } = new();

    public OtlpSettings Otlp { get; } = new();

    public IEnumerable<string> Validate()
    {
        var otlp = $"{SectionName}:Otlp";
        if (!string.IsNullOrWhiteSpace(Otlp.Endpoint) && OtlpSettings.EndpointUri(Otlp.Endpoint) is null)
            yield return $"{otlp}:Endpoint '{Otlp.Endpoint}' must be an absolute http or https address, such as http://collector:4317.";
        if (OtlpSettings.ParseProtocol(Otlp.Protocol) is null)
            yield return $"{otlp}:Protocol '{Otlp.Protocol}' must be grpc or http/protobuf.";
        if (Otlp.ExportInterval < TimeSpan.FromMilliseconds(100) || Otlp.ExportInterval > TimeSpan.FromHours(1))
            yield return $"{otlp}:ExportInterval must be between 00:00:00.1 and 01:00:00 (is {Otlp.ExportInterval}).";
        if (!OtlpSettings.HeadersAreWellFormed(Otlp.Headers))
            yield return $"{otlp}:Headers must be comma-separated name=value pairs.";
    }
}

/// <summary>The scrape endpoint: <c>OpenTelemetry:Prometheus:Enabled</c>, true by default.</summary>
public sealed class PrometheusSettings
{
    public bool Enabled { get; set; } = true;
}
