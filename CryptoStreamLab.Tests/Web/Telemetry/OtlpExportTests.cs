using System.Collections.Concurrent;
using System.Text;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Diagnostics;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoStreamLab.Tests.Web.Telemetry;

/// <summary>With <c>OpenTelemetry:Otlp:Endpoint</c> set, the app pushes its metrics to a collector: here a real HTTP server that records them.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Metrics_are_pushed_over_otlp_http_to_the_configured_collector_with_its_headers()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var app = new InProcessApp(new Dictionary<string, string?>
        {
            ["OpenTelemetry:Otlp:Endpoint"] = collector.BaseAddress.ToString(),
            ["OpenTelemetry:Otlp:Protocol"] = "http/protobuf",
            ["OpenTelemetry:Otlp:ExportInterval"] = "00:00:00.2",
            ["OpenTelemetry:Otlp:Headers"] = "x-collector-token=s3cret",
        });
        await app.StartAsync();
        var status = app.Services.GetRequiredService<KafkaStatus>();
        await Eventually.WaitAsync(() => status.Snapshot() is { AssignedPartitions: 3, Restoring: false }, TimeSpan.FromSeconds(20),
            () => "the consumer never joined");
        var publisher = app.Services.GetRequiredService<IKlinePublisher>();
        foreach (var candle in TestCandles.Interleaved(["BTCUSDT", "ETHUSDT"], 5))
            await publisher.PublishAsync(candle, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);

        var name = Encoding.UTF8.GetBytes(PipelineMetrics.ConsumedToApplied);
        await Eventually.WaitAsync(() => collector.Exports.Any(export => export.Body.AsSpan().IndexOf(name) >= 0), TimeSpan.FromSeconds(30),
            () => $"no export named {PipelineMetrics.ConsumedToApplied}; {collector.Exports.Count} exports to " +
                  string.Join(", ", collector.Exports.Select(e => e.Path).Distinct()) + "; names: " +
                  string.Join(", ", collector.Exports.SelectMany(e => Names(e.Body)).Distinct()));

        var export = collector.Exports.First(e => e.Body.AsSpan().IndexOf(name) >= 0);
        export.Path.Should().Be("/v1/metrics", "OTLP over HTTP posts metrics to the standard path under the collector's address");
        export.ContentType.Should().Be("application/x-protobuf");
        export.Token.Should().Be("s3cret");
    }

    // For the failure message: the metric names an export carries, as printable runs of its bytes.
    private static IEnumerable<string> Names(byte[] body) =>
        System.Text.RegularExpressions.Regex.Matches(Encoding.ASCII.GetString(body), "[a-z_.]{8,}").Select(m => m.Value);

    /// <summary>A stand-in OTLP/HTTP collector on 127.0.0.1 (Kestrel, free port): records every export and accepts it.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private OtlpCollector()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _app = builder.Build();
            _app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                Exports.Enqueue(new Export(context.Request.Path.Value, context.Request.ContentType, context.Request.Headers["x-collector-token"].ToString(),
                    body.ToArray()));
                context.Response.ContentType = "application/x-protobuf";
            });
        }

        public ConcurrentQueue<Export> Exports { get; } = new();

        public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        public static async Task<OtlpCollector> StartAsync()
        {
            var collector = new OtlpCollector();
            await collector._app.StartAsync();
            return collector;
        }

        public async ValueTask DisposeAsync()
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }
    }

    private sealed record Export(string? Path, string? ContentType, string Token, byte[] Body);
}
