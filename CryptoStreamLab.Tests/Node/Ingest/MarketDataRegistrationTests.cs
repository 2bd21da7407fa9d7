using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Tests.Node.Ingest;

public sealed class MarketDataRegistrationTests
{
    [Fact]
    public async Task AddMarketData_runs_the_configured_source_in_a_host_and_reports_it_in_health_checks()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MarketData:Source"] = "Replay",
            ["MarketData:Replay:Speed"] = "0",
            ["MarketData:Replay:Loop"] = "true",
        });
        var publisher = new RecordingPublisher();
        builder.Services.AddSingleton<IKlinePublisher>(publisher);
        builder.Services.AddMarketData(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        await publisher.WaitForAsync(c => c.IsClosed && c.Symbol == "LTCUSDT", because: "from the shipped sample");
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await host.StopAsync();

        report.Entries["market-data"].Status.Should().Be(HealthStatus.Healthy);
        report.Entries["market-data"].Description.Should().StartWith("Replay is replaying 2 file(s) at full speed");
        host.Services.GetRequiredService<MarketDataStatus>().Snapshot().Published.Should().BePositive();
    }

    [Fact]
    public async Task A_bad_section_stops_the_host_at_start_with_every_problem_listed()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MarketData:Symbols:0"] = "btc",
            ["MarketData:Binance:RestBaseUrl"] = "ftp://example.org",
        });
        builder.Services.AddSingleton<IKlinePublisher>(new RecordingPublisher());
        builder.Services.AddMarketData(builder.Configuration);
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().BeEquivalentTo(
            "MarketData:Symbols:0 'btc' is not a symbol: a symbol is 2 to 20 upper-case letters or digits, such as BTCUSDT.",
            "MarketData:Binance:RestBaseUrl 'ftp://example.org' must be an absolute http or https URL.");
    }
}
