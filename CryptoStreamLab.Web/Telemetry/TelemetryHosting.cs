using System.Diagnostics.Metrics;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CryptoStreamLab.Web.Telemetry;

/// <summary>
/// OpenTelemetry's wiring: the app's meter ("CryptoStreamLab"), ASP.NET Core's, HttpClient's and the runtime's, read by a
/// Prometheus scrape endpoint at <see cref="MetricsPath"/> and, when an endpoint is configured, pushed over OTLP. The
/// endpoint is an ordinary one for access control: with users or API keys configured it needs one (a scraper sends
/// <c>Authorization: Bearer &lt;key&gt;</c>) and answers 401 without.
/// </summary>
public static class TelemetryHosting
{
    public const string MetricsPath = "/metrics";

    /// <summary>The service name in the exported resource (and Prometheus' <c>target_info</c>).</summary>
    public const string ServiceName = "CryptoStreamLab";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TelemetryOptions>(configuration, TelemetryOptions.SectionName, o => o.Validate());
        // Read now, not from options: what is registered depends on it. A value that does not convert keeps its default here
        // and is reported by the validation above, which stops the app before it starts.
        var settings = Read(configuration);
        var instance = new NodeOptions { Id = configuration[$"{NodeOptions.SectionName}:{nameof(NodeOptions.Id)}"] ?? "" }.EffectiveId;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: instance))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PipelineMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                ((IDeferredMeterProviderBuilder)metrics).Configure((provider, builder) =>
                    builder.AddView(OnlyThisHost(provider.GetRequiredService<IMeterFactory>())));
                if (settings.Prometheus.Enabled) metrics.AddPrometheusExporter();
                if (OtlpSettings.EndpointUri(settings.Otlp.Endpoint) is not null && OtlpSettings.ParseProtocol(settings.Otlp.Protocol) is { } protocol)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Protocol = protocol;
                        exporter.Endpoint = settings.Otlp.ExportUri(protocol);
                        if (!string.IsNullOrWhiteSpace(settings.Otlp.Headers)) exporter.Headers = settings.Otlp.Headers;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.Otlp.ExportInterval.TotalMilliseconds;
                    });
                }
            });
        return services;
    }

    /// <summary>Maps <see cref="MetricsPath"/> when the Prometheus endpoint is on; its own scrapes are left out of the HTTP metrics.</summary>
    public static IEndpointRouteBuilder MapMetrics(this WebApplication app)
    {
        var settings = Read(app.Configuration);
        if (settings.Prometheus.Enabled) app.MapPrometheusScrapingEndpoint(MetricsPath).DisableHttpMetrics();
        var otlp = OtlpSettings.EndpointUri(settings.Otlp.Endpoint) is { } endpoint ? $"pushed over OTLP to {endpoint.GetLeftPart(UriPartial.Authority)}" : "not pushed";
        app.Logger.LogInformation("Metrics: {Scrape}, {Otlp}",
            settings.Prometheus.Enabled ? $"Prometheus scrape endpoint at {MetricsPath}" : "no Prometheus scrape endpoint", otlp);
        return app;
    }

    /// <summary>
    /// Meters are matched by name across the whole process, so a second host in it (tests run many) would show up in this
    /// one's metrics under the same names. A meter made by another host's <see cref="IMeterFactory"/> is dropped; the
    /// process-wide ones (the runtime's) are kept.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory factory) =>
        instrument => instrument.Meter.Scope is IMeterFactory other && other != factory ? MetricStreamConfiguration.Drop : null;

    private static TelemetryOptions Read(IConfiguration configuration)
    {
        var settings = new TelemetryOptions();
        SectionBinder.Bind(configuration.GetSection(TelemetryOptions.SectionName), settings);
        return settings;
    }
}
