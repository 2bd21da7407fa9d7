using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CryptoStreamLab.Web.Security;

namespace CryptoStreamLab.Tests.Web.Security;

public sealed class SecuredAppFixture : IAsyncLifetime
{
    public SecuredApp Secured { get; private set; } = null!;

    public async Task InitializeAsync() => Secured = await SecuredApp.StartAsync();

    public async Task DisposeAsync() => await Secured.DisposeAsync();
}

/// <summary>Every endpoint with access control on: without credentials, with the API key, and with the sign-in cookie.</summary>
public sealed class AccessControlEndpointTests(SecuredAppFixture fixture) : IClassFixture<SecuredAppFixture>
{
    public static readonly TheoryData<string> ApiEndpoints = new()
    {
        "/api/status", "/api/cluster", "/api/kafka", "/api/streams/BTCUSDT/1m", "/api/streams/BTCUSDT/1m/candles",
        "/api/v1/status", "/api/v1/cluster", "/api/v1/kafka", "/api/v1/streams", "/api/v1/streams/BTCUSDT/1m", "/api/v1/streams/BTCUSDT/1m/candles", "/api/v1/streams/BTCUSDT/1m/fills",
        "/api/v1/streams/BTCUSDT/1m/equity", "/openapi/v1.json",
    };

    public static readonly TheoryData<string> Pages = new() { "/", "/stream/BTCUSDT/1m", "/backtest", "/error" };

    private SecuredApp App => fixture.Secured;

    [Theory]
    [MemberData(nameof(ApiEndpoints))]
    public async Task An_api_endpoint_answers_401_without_credentials_and_200_with_the_key_or_the_cookie(string path)
    {
        using var anonymous = await App.Anonymous().GetAsync(path);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "an API caller must get 401, not a redirect to a page");

        using var withKey = await App.WithKey().GetAsync(path);
        withKey.StatusCode.Should().Be(HttpStatusCode.OK, await withKey.Content.ReadAsStringAsync());

        using var cookie = await App.SignedInAsync();
        using var withCookie = await cookie.GetAsync(path);
        withCookie.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_sends_an_anonymous_browser_to_login_and_returns_it_there_after(string path)
    {
        using var anonymous = await App.Anonymous().GetAsync(path);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.PathAndQuery.Should().Be($"/login?ReturnUrl={Uri.EscapeDataString(path)}");
        (await anonymous.Content.ReadAsStringAsync()).Should().NotContain("BTCUSDT");

        var (client, token) = await App.LoginPageAsync();
        using var login = await SecuredApp.PostLoginAsync(client, token, SecuredApp.User, SecuredApp.Password, path);
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.Should().Be(path);

        using var page = await client.GetAsync(path);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"signed-in-as\"").And.Contain(SecuredApp.User).And.Contain("data-testid=\"logout-form\"");
    }

    [Fact]
    public async Task Health_the_login_page_and_static_assets_stay_anonymous_and_show_no_data()
    {
        var client = App.Anonymous();

        using var health = await client.GetAsync("/health");
        health.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
        (await health.Content.ReadAsStringAsync()).Should().BeOneOf(["Healthy", "Degraded", "Unhealthy"], "a stranger reads only the status");
        using var detailed = await App.WithKey(SecuredApp.Fast.Key).GetAsync("/health");
        var details = await detailed.Content.ReadAsStringAsync();
        details.Should().Contain("\"ledger\"").And.Contain("\"market-data\"", "an API key reads every check's reason");

        using var login = await client.GetAsync("/login");
        login.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await login.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"login-form\"").And.Contain("__RequestVerificationToken")
            .And.NotContain("BTCUSDT").And.NotContain("data-testid=\"stream-nav\"").And.NotContain("_framework/blazor.server");
        html.Should().NotContain("<!--Blazor:{", "the sign-in page must not start a circuit (its hub needs a signed-in user)");

        foreach (var asset in new[] { "/app.css", "/_content/MudBlazor/MudBlazor.min.css", "/_framework/blazor.web.js" })
        {
            using var response = await client.GetAsync(asset);
            response.StatusCode.Should().Be(HttpStatusCode.OK, asset);
        }
        using var hub = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        hub.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a circuit needs a signed-in user");
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-the-key")]
    [InlineData("Bearer " + SecuredApp.Key + "x")]
    [InlineData("Bearer two words")]
    [InlineData("Basic YWxpY2U6c2VjcmV0")]
    [InlineData("Token " + SecuredApp.Key)]
    [InlineData("Bearer \u00e9\u00e8")]
    public async Task A_malformed_or_unknown_key_gets_401_never_500(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.TryAddWithoutValidation("Authorization", header).Should().BeTrue();
        using var response = await App.Anonymous().SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
    }

    [Fact]
    public async Task A_huge_key_two_headers_and_a_lower_case_scheme()
    {
        using var huge = await App.WithKey(new string('k', 100_000)).GetAsync("/api/status");
        huge.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var twice = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        twice.Headers.TryAddWithoutValidation("Authorization", [$"Bearer {SecuredApp.Key}", $"Bearer {SecuredApp.Key}"]);
        using var two = await App.Anonymous().SendAsync(twice);
        two.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var lower = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        lower.Headers.TryAddWithoutValidation("Authorization", $"bearer {SecuredApp.Key}");
        using var ok = await App.Anonymous().SendAsync(lower);
        ok.StatusCode.Should().Be(HttpStatusCode.OK, "the scheme name is case-insensitive");
    }

    [Fact]
    public async Task A_cookie_post_needs_the_antiforgery_token_a_key_post_does_not()
    {
        using var anonymous = await App.Anonymous().PostAsync(SecuredApp.ChangePath, null);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var cookie = await App.SignedInAsync();
        using var withoutToken = await cookie.PostAsync(SecuredApp.ChangePath, JsonBody());
        withoutToken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await withoutToken.Content.ReadAsStringAsync()).Should().Contain("antiforgery token");

        var token = SecuredApp.TokenIn(await cookie.GetStringAsync("/"));
        using var wrongToken = new HttpRequestMessage(HttpMethod.Post, SecuredApp.ChangePath) { Content = JsonBody() };
        wrongToken.Headers.Add("RequestVerificationToken", token[..^4] + "AAAA");
        (await cookie.SendAsync(wrongToken)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var withToken = new HttpRequestMessage(HttpMethod.Post, SecuredApp.ChangePath) { Content = JsonBody() };
        withToken.Headers.Add("RequestVerificationToken", token);
        using var accepted = await cookie.SendAsync(withToken);
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);

        using var withKey = await App.WithKey().PostAsync(SecuredApp.ChangePath, JsonBody());
        withKey.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Resetting_a_paper_account_through_the_api_needs_a_key_or_the_cookie_with_its_antiforgery_token()
    {
        const string reset = "/api/v1/streams/BTCUSDT/1m/reset";
        using var anonymous = await App.Anonymous().PostAsync(reset, null);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var cookie = await App.SignedInAsync();
        using var withoutToken = await cookie.PostAsync(reset, null);
        withoutToken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await withoutToken.Content.ReadAsStringAsync()).Should().Contain("antiforgery token");

        using var withToken = new HttpRequestMessage(HttpMethod.Post, reset);
        withToken.Headers.Add("RequestVerificationToken", SecuredApp.TokenIn(await cookie.GetStringAsync("/")));
        (await cookie.SendAsync(withToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var withKey = await App.WithKey().PostAsync(reset, null);
        withKey.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_api_reference_is_a_page_behind_the_sign_in()
    {
        using var anonymous = await App.Anonymous().GetAsync("/api/docs");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.PathAndQuery.Should().Be($"/login?ReturnUrl={Uri.EscapeDataString("/api/docs")}");

        using var cookie = await App.SignedInAsync();
        (await cookie.GetAsync("/api/docs/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_event_stream_needs_credentials_and_opens_with_the_key()
    {
        const string events = "/api/v1/streams/BTCUSDT/1m/events";
        using var anonymous = await App.Anonymous().GetAsync(events, HttpCompletionOption.ResponseHeadersRead);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var withKey = await App.WithKey().GetAsync(events, HttpCompletionOption.ResponseHeadersRead);
        withKey.StatusCode.Should().Be(HttpStatusCode.OK);
        withKey.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
    }

    [Fact]
    public async Task Logout_needs_the_token_then_ends_the_session()
    {
        var client = await App.SignedInAsync();
        var token = SecuredApp.TokenIn(await client.GetStringAsync("/"));

        using var withoutToken = await client.PostAsync(LoginEndpoints.LogoutPath, new FormUrlEncodedContent([]));
        withoutToken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK, "a refused sign-out leaves the session alone");

        using var logout = await client.PostAsync(LoginEndpoints.LogoutPath,
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        logout.StatusCode.Should().Be(HttpStatusCode.Redirect);
        logout.Headers.Location!.OriginalString.Should().Be("/login");
        (await client.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/")).Headers.Location!.AbsolutePath.Should().Be("/login");
    }

    [Fact]
    public async Task A_failed_login_goes_back_to_the_form_and_is_logged_without_the_password()
    {
        var (client, token) = await App.LoginPageAsync();
        const string wrong = "Tr0ub4dor&3-not-it";

        using var failed = await SecuredApp.PostLoginAsync(client, token, SecuredApp.User, wrong, "/backtest");
        failed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        failed.Headers.Location!.OriginalString.Should().Be("/login?failed=1&ReturnUrl=%2Fbacktest");
        using var unknown = await SecuredApp.PostLoginAsync(client, token, "mallory\nforged log line", SecuredApp.Password);
        unknown.Headers.Location!.OriginalString.Should().StartWith("/login?failed=1");
        (await client.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetStringAsync("/login?failed=1")).Should().Contain("data-testid=\"login-error\"");

        var logs = App.App.Logs.Messages.ToList();
        logs.Should().Contain(m => m.StartsWith("Failed login for user alice from", StringComparison.Ordinal));
        logs.Should().Contain(m => m.StartsWith("Failed login for user mallory?forged log line from", StringComparison.Ordinal));
        logs.Should().NotContain(m => m.Contains(wrong) || m.Contains(SecuredApp.Password) || m.Contains(SecuredApp.PasswordHash));
    }

    [Fact]
    public async Task A_login_without_the_token_or_with_a_bad_body_gets_400_or_413()
    {
        var (client, token) = await App.LoginPageAsync();

        using var noToken = await SecuredApp.PostLoginAsync(client, null, SecuredApp.User, SecuredApp.Password);
        noToken.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var json = await client.PostAsync(LoginEndpoints.LoginPath, JsonBody());
        json.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var huge = await client.PostAsync(LoginEndpoints.LoginPath,
            new StringContent("username=" + new string('a', 100_000), Encoding.ASCII, "application/x-www-form-urlencoded"));
        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);

        var chunked = new StringContent($"__RequestVerificationToken={token}&username=" + new string('a', 20_000), Encoding.ASCII,
            "application/x-www-form-urlencoded");
        using var unsized = new HttpRequestMessage(HttpMethod.Post, LoginEndpoints.LoginPath) { Content = new StreamContent(await chunked.ReadAsStreamAsync()) };
        unsized.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var longValue = await client.SendAsync(unsized);
        longValue.StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge);

        using var multipart = new StringContent("--x\r\nbroken", Encoding.ASCII);
        multipart.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        using var broken = await client.PostAsync(LoginEndpoints.LoginPath, multipart);
        broken.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await client.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_return_address_on_another_site_is_replaced_by_the_dashboard()
    {
        foreach (var elsewhere in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example/" })
        {
            var (client, token) = await App.LoginPageAsync();
            using var login = await SecuredApp.PostLoginAsync(client, token, SecuredApp.User, SecuredApp.Password, elsewhere);
            login.Headers.Location?.OriginalString.Should().Be("/", elsewhere);
        }
    }

    private static StringContent JsonBody() => new("{\"reset\":true}", Encoding.UTF8, "application/json");
}
