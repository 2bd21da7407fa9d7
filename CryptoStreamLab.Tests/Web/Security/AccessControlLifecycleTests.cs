using System.Net;
using CryptoStreamLab.Web.Security;
using Microsoft.Extensions.Configuration;

namespace CryptoStreamLab.Tests.Web.Security;

/// <summary>Each case needs an app of its own: no users, a tight sign-in limit, or a configuration changed while running.</summary>
public sealed class AccessControlLifecycleTests
{
    [Fact]
    public async Task Without_users_or_keys_everything_is_open_as_before()
    {
        await using var app = await SecuredApp.StartAsync(withUsers: false);
        var client = app.Anonymous();

        foreach (var path in new[] { "/api/status", "/api/cluster", "/api/kafka", "/api/streams/BTCUSDT/1m", "/api/v1/status", "/api/v1/cluster", "/api/v1/kafka", "/", "/backtest" })
            (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, path);
        (await client.PostAsync(SecuredApp.ChangePath, null)).StatusCode.Should().Be(HttpStatusCode.OK,
            "without a sign-in cookie there is nothing a forged request could borrow");
        (await client.GetStringAsync("/")).Should().NotContain("data-testid=\"logout-form\"");
        (await client.GetStringAsync("/login")).Should().Contain("data-testid=\"login-off\"").And.NotContain("data-testid=\"login-form\"");
    }

    [Fact]
    public async Task Sign_in_attempts_past_the_limit_get_429_even_with_the_right_password()
    {
        await using var app = await SecuredApp.StartAsync(settings: new Dictionary<string, string?> { ["Auth:LoginAttemptsPerMinute"] = "3" });
        var (client, token) = await app.LoginPageAsync();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var failed = await SecuredApp.PostLoginAsync(client, token, SecuredApp.User, $"guess {attempt}");
            failed.StatusCode.Should().Be(HttpStatusCode.Redirect, $"attempt {attempt} is within the limit");
        }

        using var refused = await SecuredApp.PostLoginAsync(client, token, SecuredApp.User, SecuredApp.Password);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().BePositive().And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Too many sign-in attempts");
        (await client.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a refused attempt signs nobody in");
        app.App.Logs.Messages.Should().Contain(m => m.StartsWith("Too many sign-in attempts from", StringComparison.Ordinal));

        (await app.WithKey().GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK, "only sign-in is limited");
        (await client.GetAsync("/login")).StatusCode.Should().Be(HttpStatusCode.OK, "only the form post is limited");
    }

    [Fact]
    public async Task Changing_a_password_or_removing_a_key_in_configuration_ends_what_they_opened()
    {
        await using var app = await SecuredApp.StartAsync();
        var signedIn = await app.SignedInAsync();
        (await signedIn.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.WithKey().GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK);

        var configuration = (IConfigurationRoot)app.App.App.Configuration;
        configuration["Auth:Users:0:PasswordHash"] = SecretHasher.Hash("a new password");
        configuration["Auth:ApiKeys:0:KeyHash"] = SecretHasher.Hash("another key");
        configuration.Reload(); // as an edited appsettings.json does

        (await signedIn.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the session was signed in with the old password");
        (await app.WithKey().GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a verified key is remembered only while configured");
        var (client, token) = await app.LoginPageAsync();
        using var login = await SecuredApp.PostLoginAsync(client, token, SecuredApp.User, "a new password");
        login.Headers.Location!.OriginalString.Should().Be("/");
    }
}
