using OpenTelemetry.Exporter;

namespace CryptoStreamLab.Web.Telemetry;

/// <summary>
/// The OTLP push (<c>OpenTelemetry:Otlp:*</c>): off while <see cref="Endpoint"/> is empty. The endpoint is the collector's
/// address (port 4317 for gRPC, 4318 for HTTP); with http/protobuf, one without a path gets the standard <c>/v1/metrics</c>.
/// </summary>
public sealed class OtlpSettings
{
    public string Endpoint { get; set; } = "";

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>, the values of OTLP's own OTEL_EXPORTER_OTLP_PROTOCOL.</summary>
    public string Protocol { get; set; } = "grpc";

    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Sent with every export (a hosted backend's token): <c>name=value,name2=value2</c>. Never logged.</summary>
    public string Headers { get; set; } = "";

    /// <summary>An absolute http or https address with a host; null for anything else.</summary>
    public static Uri? EndpointUri(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 ? uri : null;

    public static OtlpExportProtocol? ParseProtocol(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        _ => null,
    };

    public static bool HeadersAreWellFormed(string? headers) =>
        string.IsNullOrWhiteSpace(headers) ||
        headers.Split(',', StringSplitOptions.TrimEntries).All(pair => pair.IndexOf('=') > 0);

    /// <summary>Where the exporter sends: the endpoint, with <c>/v1/metrics</c> added for http/protobuf when it has no path.</summary>
    public Uri ExportUri(OtlpExportProtocol protocol)
    {
        var uri = EndpointUri(Endpoint) ?? throw new InvalidOperationException("No valid OTLP endpoint is configured.");
        return protocol == OtlpExportProtocol.HttpProtobuf && uri.AbsolutePath is "/" or "" ? new Uri(uri, "v1/metrics") : uri;
    }
}
