using System.Net;
using CryptoStreamLab.Web.Hosting;
using CryptoStreamLab.Web.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Web.Security;

/// <summary>
/// The way in, tried as an attacker would: random bearer keys, pages of other sites, other host names, copied cookies,
/// floods of /health and of event streams. Each app is started with the limits a test needs.
/// </summary>
public sealed class WayInTests
{
    [Fact]
    public async Task Random_bearer_keys_cost_no_slow_hash_past_the_limit_and_are_logged_as_a_count_while_valid_keys_pass()
    {
        await using var app = await SecuredApp.StartAsync(settings: new Dictionary<string, string?> { ["Auth:FailedAuthenticationsPerMinute"] = "5" });
        var verifier = app.App.Services.GetRequiredService<ApiKeyVerifier>();
        (await app.WithKey().GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK, "the older key is checked and remembered");
        var slowBefore = verifier.HashChecks;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var response = await app.WithKey(ApiKeyFormat.New().Key).GetAsync("/api/status");
            statuses.Add(response.StatusCode);
        }
        for (var i = 0; i < 10; i++)
        {
            using var response = await app.WithKey($"guess-{i}").GetAsync("/api/status");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) response.Headers.RetryAfter.Should().NotBeNull();
        }

        statuses.Take(5).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        statuses.Skip(5).Should().AllBeEquivalentTo(HttpStatusCode.TooManyRequests, "the address is over its failure limit");
        verifier.HashChecks.Should().Be(slowBefore, "keys of the new form are never slow-hashed, and the guesses came after the limit");

        (await app.WithKey(SecuredApp.Fast.Key).GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK, "a valid key passes from a limited address");
        (await app.WithKey().GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK, "a remembered older key passes too");
        app.App.Logs.Entries.Count(e => e.Category == typeof(AuthFailureLimiter).FullName).Should().Be(1,
            "50 failures within seconds make one line, not 50: " + string.Join(" | ", app.App.Logs.Messages.Where(m => m.Contains("authentication"))));
        app.App.Services.GetRequiredService<AuthFailureLimiter>().Total.Should().Be(50);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_page_of_another_site_cannot_change_anything_or_open_the_circuit(bool withUsers)
    {
        await using var app = await SecuredApp.StartAsync(withUsers);
        var client = withUsers ? app.WithKey(SecuredApp.Fast.Key) : app.Anonymous();

        using var fromEvil = Post(SecuredApp.ChangePath, ("Origin", "https://evil.example"));
        using var refused = await client.SendAsync(fromEvil);
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Cross-site request refused");
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        using var viaReferer = await client.SendAsync(Post(SecuredApp.ChangePath, ("Referer", "http://evil.example/page")));
        viaReferer.StatusCode.Should().Be(HttpStatusCode.Forbidden, "without Origin the Referer tells where it came from");
        using var nullOrigin = await client.SendAsync(Post(SecuredApp.ChangePath, ("Origin", "null")));
        nullOrigin.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a sandboxed page sends Origin: null");
        using var reset = await client.SendAsync(Post("/api/v1/streams/BTCUSDT/1m/reset", ("Origin", "https://evil.example")));
        reset.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var hub = await client.SendAsync(Post("/_blazor/negotiate?negotiateVersion=1", ("Origin", "https://evil.example")));
        hub.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the dashboard's circuit is not opened for another site");
        var socket = new HttpRequestMessage(HttpMethod.Get, "/_blazor?id=x");
        socket.Headers.Add("Origin", "https://evil.example");
        (await client.SendAsync(socket)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "nor its WebSocket");

        using var own = await client.SendAsync(Post(SecuredApp.ChangePath, ("Origin", "http://localhost")));
        own.StatusCode.Should().Be(HttpStatusCode.OK, "the app's own pages pass");
        using var program = await client.SendAsync(Post(SecuredApp.ChangePath));
        program.StatusCode.Should().Be(HttpStatusCode.OK, "a program sends no Origin and passes");
    }

    [Fact]
    public async Task Another_host_name_is_refused_by_default_so_DNS_rebinding_reads_nothing()
    {
        await using var app = await SecuredApp.StartAsync(withUsers: false);
        var client = app.Anonymous();
        foreach (var host in new[] { "localhost", "127.0.0.1", "[::1]" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status") { Headers = { Host = host } };
            (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK, host);
        }
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/status") { Headers = { Host = "evil.example:5000" } };
        using var response = await client.SendAsync(rebound);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("BTCUSDT");

        AllowedHostsDefaults.Hosts(Config(("Urls", "http://0.0.0.0:5000"))).Should().Equal("*");
        AllowedHostsDefaults.Hosts(Config(("Urls", "http://dash.example:5000;http://localhost:5001"))).Should().Equal("dash.example", "localhost", "127.0.0.1", "[::1]");
        AllowedHostsDefaults.Warning(Config(("Urls", "http://0.0.0.0:5000"))).Should().Contain("Set AllowedHosts");
        AllowedHostsDefaults.Warning(Config(("Urls", "http://0.0.0.0:5000"), ("AllowedHosts", "dash.example"))).Should().BeNull();
    }

    [Fact]
    public async Task A_signed_out_session_cookie_copied_before_is_refused_and_its_dashboard_actions_with_it()
    {
        await using var app = await SecuredApp.StartAsync();
        var browser = await app.SignedInAsync();
        var cookie = app.SessionCookieOf(browser);
        var copy = app.Anonymous();
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        (await copy.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK, "the copy works while the session lasts");

        var page = await browser.GetStringAsync("/");
        using var signOut = await browser.PostAsync(LoginEndpoints.LogoutPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = SecuredApp.TokenIn(page) }));
        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await copy.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the server revoked the session, not only the browser's cookie");
        (await browser.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Failed_sign_ins_are_limited_per_account_name_whatever_the_address()
    {
        await using var app = await SecuredApp.StartAsync(settings: new Dictionary<string, string?> { ["Auth:FailedLoginsPerAccountPerMinute"] = "3" });
        for (var i = 0; i < 3; i++)
        {
            var (client, token) = await app.LoginPageAsync();
            using var failed = await SecuredApp.PostLoginAsync(client, token, SecuredApp.User, "wrong " + i);
            failed.Headers.Location!.ToString().Should().Contain("failed=1");
        }
        var (next, nextToken) = await app.LoginPageAsync();
        using var refused = await SecuredApp.PostLoginAsync(next, nextToken, SecuredApp.User.ToUpperInvariant(), SecuredApp.Password);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the name is matched without regard to case, and the limit holds for the right password too");

        var (other, otherToken) = await app.LoginPageAsync();
        using var unknown = await SecuredApp.PostLoginAsync(other, otherToken, "mallory", "x");
        unknown.StatusCode.Should().Be(HttpStatusCode.Redirect, "another account name has its own count");
    }

    [Fact]
    public async Task Health_checks_run_at_most_once_a_second_whatever_the_request_rate()
    {
        await using var app = await SecuredApp.StartAsync(withUsers: false);
        var client = app.Anonymous();
        var cache = app.App.Services.GetRequiredService<CachedHealthReport>();
        var before = cache.Runs;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetAsync("/health")));
        var elapsed = clock.Elapsed;
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.ServiceUnavailable);
        (cache.Runs - before).Should().BeLessThanOrEqualTo((long)Math.Ceiling(elapsed / CachedHealthReport.MaxAge) + 1,
            $"200 requests in {elapsed.TotalMilliseconds:0} ms share the runs");
    }

    [Fact]
    public async Task One_key_holds_at_most_its_maximum_of_event_streams()
    {
        await using var app = await SecuredApp.StartAsync(settings: new Dictionary<string, string?> { ["Api:MaxEventStreamsPerClient"] = "2" });
        var client = app.WithKey(SecuredApp.Fast.Key);
        const string events = "/api/v1/streams/BTCUSDT/1m/events";
        using var first = await client.GetAsync(events, HttpCompletionOption.ResponseHeadersRead);
        using var second = await client.GetAsync(events, HttpCompletionOption.ResponseHeadersRead);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        using var third = await client.GetAsync(events, HttpCompletionOption.ResponseHeadersRead);
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        using var otherKey = await app.WithKey().GetAsync(events, HttpCompletionOption.ResponseHeadersRead);
        otherKey.StatusCode.Should().Be(HttpStatusCode.OK, "another key has its own count");
    }

    [Fact]
    public async Task The_session_cookie_is_Secure_on_HTTPS_and_HSTS_is_sent_there()
    {
        await using var app = await SecuredApp.StartAsync(settings: new Dictionary<string, string?> { ["AllowedHosts"] = "dash.example" });
        var (client, token) = await app.LoginPageAsync(new Uri("https://dash.example"));
        using var signIn = await SecuredApp.PostLoginAsync(client, token, SecuredApp.User, SecuredApp.Password);
        signIn.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(SignInCookie.Name) && c.Contains("secure"));
        using var health = await client.GetAsync("/health");
        health.Headers.GetValues("Strict-Transport-Security").Should().ContainSingle();

        var (plain, plainToken) = await app.LoginPageAsync(new Uri("http://dash.example"));
        using var plainSignIn = await SecuredApp.PostLoginAsync(plain, plainToken, SecuredApp.User, SecuredApp.Password);
        plainSignIn.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(SignInCookie.Name) && !c.Contains("secure"));
        (await plain.GetAsync("/health")).Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }

    private static HttpRequestMessage Post(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("") };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static Microsoft.Extensions.Configuration.IConfiguration Config(params (string Key, string Value)[] values) =>
        new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
