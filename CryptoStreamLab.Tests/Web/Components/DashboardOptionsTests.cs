using CryptoStreamLab.Web.Components;
using CryptoStreamLab.Web.Components.Dashboard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Tests.Web.Components;

public sealed class DashboardOptionsTests
{
    [Fact]
    public void Defaults_are_the_seeds_floor_and_four_renders_a_second()
    {
        var options = Resolve([]);

        options.FloorRatio.Should().Be(0.93);
        options.MaxRendersPerSecond.Should().Be(4);
        options.MinRenderInterval.Should().Be(TimeSpan.FromMilliseconds(250));
        options.ChartCandles.Should().Be(300);
    }

    [Fact]
    public void The_dashboard_section_is_bound()
    {
        var options = Resolve(new() { ["Dashboard:FloorRatio"] = "0.8", ["Dashboard:MaxRendersPerSecond"] = "10" });

        (options.FloorRatio, options.MaxRendersPerSecond).Should().Be((0.8, 10));
    }

    [Theory]
    [InlineData("Dashboard:FloorRatio", "0", "Dashboard:FloorRatio must be above 0 and at most 1 (is 0).")]
    [InlineData("Dashboard:FloorRatio", "1.5", "Dashboard:FloorRatio must be above 0 and at most 1 (is 1.5).")]
    [InlineData("Dashboard:MaxRendersPerSecond", "0", "Dashboard:MaxRendersPerSecond must be between 1 and 60 (is 0).")]
    [InlineData("Dashboard:MaxRendersPerSecond", "61", "Dashboard:MaxRendersPerSecond must be between 1 and 60 (is 61).")]
    [InlineData("Dashboard:ChartCandles", "5", "Dashboard:ChartCandles must be between 10 and 100000 (is 5).")]
    [InlineData("Dashboard:UploadMaxBytes", "0", "Dashboard:UploadMaxBytes must be between 1024 and 1073741824 (is 0).")]
    [InlineData("Dashboard:UploadMaxDecompressedBytes", "1000", "Dashboard:UploadMaxDecompressedBytes must be between UploadMaxBytes (20971520) and 8589934592 (is 1000).")]
    [InlineData("Dashboard:UploadMaxRows", "0", "Dashboard:UploadMaxRows must be between 1 and 20000000 (is 0).")]
    public void Invalid_values_are_refused_naming_the_key(string key, string value, string problem)
    {
        var resolve = () => Resolve(new() { [key] = value });

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(problem);
    }

    [Fact]
    public void The_render_throttle_is_one_per_circuit()
    {
        using var provider = Build([]);
        using var first = provider.CreateScope();
        using var second = provider.CreateScope();

        first.ServiceProvider.GetRequiredService<RenderThrottle>().Should()
            .BeSameAs(first.ServiceProvider.GetRequiredService<RenderThrottle>())
            .And.NotBeSameAs(second.ServiceProvider.GetRequiredService<RenderThrottle>());
    }

    private static DashboardOptions Resolve(Dictionary<string, string?> settings)
    {
        using var provider = Build(settings);
        return provider.GetRequiredService<IOptions<DashboardOptions>>().Value;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddDashboard(configuration).BuildServiceProvider();
    }
}
