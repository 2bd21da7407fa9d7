using CryptoStreamLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CryptoStreamLab.Tests.Hosting;

public class StartupValidationTests
{
    private static string? Problems(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCryptoStreamLab();
        using var app = builder.Build();
        return OptionsValidation.CollectStartupProblems(app.Services);
    }

    [Fact]
    public void The_shipped_defaults_are_valid() => Problems([]).Should().BeNull();

    [Fact]
    public void Every_invalid_value_is_named_in_one_message()
    {
        var message = Problems(new()
        {
            ["Strategy:FastPeriod"] = "80",
            ["Strategy:RsiPeriod"] = "fourteen",
            ["Strategy:BuyRsiMax"] = "170",
            ["Trading:StartingBalance"] = "-5",
            ["Trading:FeeRate"] = "lots",
            ["MarketData:Symbols:0"] = "btc/usdt",
            ["MarketData:Intervals:0"] = "7m",
        });

        message.Should().NotBeNull();
        message.Should().StartWith("The configuration is not valid:")
            .And.Contain("Strategy:FastPeriod (80) must be shorter than Strategy:SlowPeriod (50)")
            .And.Contain("'fourteen' at 'Strategy:RsiPeriod'")
            .And.Contain("Strategy:BuyRsiMax must be between 0 and 100 (is 170)")
            .And.Contain("Trading:StartingBalance must be positive (is -5)")
            .And.Contain("'lots' at 'Trading:FeeRate'")
            .And.Contain("MarketData:Symbols:0 'btc/usdt' is not a symbol")
            .And.Contain("MarketData:Intervals:0 '7m' is not a Binance interval");
    }
}
