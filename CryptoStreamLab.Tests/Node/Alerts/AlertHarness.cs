using CryptoStreamLab.Node.Alerts;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Tests.Node.Alerts;

/// <summary>
/// The alerts as the app registers them (dispatcher, HTTP client with its resilience pipeline, monitors), around a
/// <see cref="StreamDirectory"/> the test feeds, in a small host without Kafka or the dashboard. Logs are kept at every level.
/// </summary>
public sealed class AlertHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private AlertHarness(IHost host, StreamDirectory market)
    {
        _host = host;
        Market = market;
    }

    public StreamDirectory Market { get; }

    public AlertDispatcher Dispatcher => _host.Services.GetRequiredService<AlertDispatcher>();

    public CapturingLoggerProvider Logs { get; private init; } = null!;

    /// <summary>Fast retries and a short check interval unless <paramref name="settings"/> say otherwise.</summary>
    public static async Task<AlertHarness> StartAsync(IDictionary<string, string?> settings, StreamDirectory? market = null,
        IKafkaHealthProbe? kafka = null)
    {
        market ??= CsvCandleFeeder.NewStreamDirectory();
        var logs = new CapturingLoggerProvider(LogLevel.Trace);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerts:RetryDelay"] = "00:00:00.050",
            ["Alerts:MaxRetryDelay"] = "00:00:00.200",
            ["Alerts:CheckInterval"] = "00:00:00.100",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddNode(builder.Configuration);
        builder.Services.AddOptions<MarketDataOptions>().Bind(builder.Configuration.GetSection(MarketDataOptions.SectionName));
        builder.Services.AddSingleton(market);
        builder.Services.AddHealthChecks();
        builder.Services.AddAlerts(builder.Configuration, NodeRoles.All);
        if (kafka is not null) builder.Services.AddSingleton(kafka);
        var host = builder.Build();
        if (OptionsValidation.CollectStartupProblems(host.Services) is { } problems) throw new InvalidOperationException(problems);
        await host.StartAsync();
        return new AlertHarness(host, market) { Logs = logs };
    }

    public WebhookStatus Webhook(int index) => Dispatcher.Status().Webhooks[index];

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
