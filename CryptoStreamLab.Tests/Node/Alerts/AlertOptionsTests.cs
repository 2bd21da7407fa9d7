using CryptoStreamLab.Node.Alerts;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CryptoStreamLab.Tests.Node.Alerts;

public sealed class AlertOptionsTests
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
    public void A_webhook_with_the_defaults_is_valid_and_wants_fills_as_json()
    {
        Problems(new() { ["Alerts:Webhooks:0:Url"] = "https://hooks.example.com/services/T0/B0/xyz" }).Should().BeNull();

        var webhook = new WebhookOptions { Url = "https://hooks.example.com/x" }.Parse(0);
        webhook.Events.Should().Be(AlertEventKind.Fill);
        webhook.Format.Should().Be(AlertFormat.Json);
    }

    [Fact]
    public void Bad_urls_events_and_formats_refuse_the_start_naming_each_key_and_never_showing_the_url()
    {
        var message = Problems(new()
        {
            ["Alerts:Webhooks:0:Url"] = "not a url/secret-token",
            ["Alerts:Webhooks:1:Url"] = "ftp://files.example.com/secret-token",
            ["Alerts:Webhooks:2:Url"] = "https://hooks.example.com/secret-token",
            ["Alerts:Webhooks:2:Events"] = "fill, trade",
            ["Alerts:Webhooks:2:Format"] = "teams",
            ["Alerts:Webhooks:3:Events"] = "signal",
            ["Alerts:Webhooks:4:Url"] = "https://hooks.example.com/secret-token",
            ["Alerts:Webhooks:4:Events"] = " , ",
            ["Alerts:QueueCapacity"] = "0",
            ["Alerts:TotalTimeout"] = "00:00:05",
        });

        message.Should().StartWith("The configuration is not valid:")
            .And.Contain("Alerts:Webhooks:0:Url is not an absolute http or https URL")
            .And.Contain("Alerts:Webhooks:1:Url must be an http or https URL, not ftp")
            .And.Contain("Alerts:Webhooks:2:Events 'trade' is not an alert event; use one or more of fill, signal, stale, kafka-down")
            .And.Contain("Alerts:Webhooks:2:Format 'teams' is not a webhook format; use json, slack, discord or telegram")
            .And.Contain("Alerts:Webhooks:3:Url is missing")
            .And.Contain("Alerts:Webhooks:4:Events names no event")
            .And.Contain("Alerts:QueueCapacity must be between 1 and 1000000 (is 0)")
            .And.Contain("Alerts:TotalTimeout 00:00:05 must not be shorter than Alerts:AttemptTimeout 00:00:10")
            .And.NotContain("secret-token");
    }

    [Fact]
    public void An_empty_webhook_list_is_valid_and_an_empty_entry_is_named()
    {
        new AlertOptions { Webhooks = null! }.Validate().Should().BeEmpty();
        new AlertOptions { Webhooks = [null!] }.Validate().Should().Equal("Alerts:Webhooks:0 is empty: every webhook needs at least a Url.");
    }

    [Fact]
    public void A_value_that_is_not_a_number_or_a_time_is_named()
    {
        Problems(new() { ["Alerts:MaxRetries"] = "many", ["Alerts:CheckInterval"] = "soon" })
            .Should().Contain("'many' at 'Alerts:MaxRetries'").And.Contain("'soon' at 'Alerts:CheckInterval'");
    }

    [Theory]
    [InlineData("fill", AlertEventKind.Fill)]
    [InlineData("Signal,STALE", AlertEventKind.Signal | AlertEventKind.Stale)]
    [InlineData(" kafka-down , fill ", AlertEventKind.KafkaDown | AlertEventKind.Fill)]
    public void Event_lists_are_comma_separated_in_any_case(string text, AlertEventKind expected)
    {
        AlertEventKinds.TryParse(text, out var kinds, out _).Should().BeTrue();
        kinds.Should().Be(expected);
    }
}
