using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CryptoStreamLab.Tests.Web.Http;

/// <summary>The "Api" section is validated at start with the rest of the configuration, every problem named.</summary>
public sealed class ApiOptionsTests
{
    [Fact]
    public void Invalid_API_limits_stop_the_start_naming_each_key()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:HeartbeatInterval"] = "00:00:00",
            ["Api:ClientQueueCapacity"] = "3",
            ["Api:MaxRequestBodyBytes"] = "lots",
        });
        builder.AddCryptoStreamLab();
        using var app = builder.Build();

        OptionsValidation.CollectStartupProblems(app.Services).Should().NotBeNull()
            .And.Contain("Api:HeartbeatInterval 00:00:00 must be from 00:00:00.1000000 to 00:10:00")
            .And.Contain("Api:ClientQueueCapacity 3 must be from 16 to 1000000 events")
            .And.Contain("'lots' at 'Api:MaxRequestBodyBytes'");
    }
}
