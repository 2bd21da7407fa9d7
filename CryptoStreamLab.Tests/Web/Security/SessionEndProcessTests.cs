using System.Diagnostics;
using System.Net;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Security;

namespace CryptoStreamLab.Tests.Web.Security;

/// <summary>
/// The real app as a child process with a user configured: a session cookie copied before sign-out is refused after it,
/// and an event stream opened with that cookie is closed by the server within seconds of the sign-out.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class SessionEndProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("session-end-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Sign_out_refuses_a_copied_cookie_and_closes_its_event_stream_within_5_seconds()
    {
        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["MarketData:Source"] = "Synthetic",
            ["MarketData:Synthetic:SymbolCount"] = "1",
            ["MarketData:Synthetic:UpdatesPerSecond"] = "2",
            ["Storage:Path"] = _dir,
            ["Archive:Path"] = Path.Combine(_dir, "archive"),
            ["Auth:Users:0:Name"] = SecuredApp.User,
            ["Auth:Users:0:PasswordHash"] = SecuredApp.PasswordHash,
        });
        var baseAddress = new Uri($"http://127.0.0.1:{app.Port}");
        var jar = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        await Eventually.WaitAsync(() => Answers(browser, "/login"), TimeSpan.FromSeconds(60), () => "the app did not answer /login: " + app.Output);

        var token = SecuredApp.TokenIn(await browser.GetStringAsync("/login"));
        using (var signIn = await SecuredApp.PostLoginAsync(browser, token, SecuredApp.User, SecuredApp.Password))
            signIn.StatusCode.Should().Be(HttpStatusCode.Redirect, app.Output);
        var cookie = jar.GetCookies(baseAddress)[SignInCookie.Name]!;

        using var thief = new HttpClient { BaseAddress = baseAddress };
        thief.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        var stream = await FirstStreamAsync(thief);
        using var events = await thief.GetAsync($"/api/v1/streams/{stream}/events", HttpCompletionOption.ResponseHeadersRead);
        events.StatusCode.Should().Be(HttpStatusCode.OK, "the copied cookie works while the session lasts");
        await using var body = await events.Content.ReadAsStreamAsync();
        var buffer = new byte[4096];
        (await body.ReadAsync(buffer)).Should().BeGreaterThan(0, "the stream is flowing");

        var page = await browser.GetStringAsync("/");
        using (var signOut = await browser.PostAsync(LoginEndpoints.LogoutPath,
                   new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = SecuredApp.TokenIn(page) })))
            signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var signedOutAt = Stopwatch.StartNew();

        using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await body.ReadAsync(buffer, reading.Token) > 0)
        {
            // Events and keep-alives until the server ends the stream.
        }
        signedOutAt.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the server closes a stream within 5 s of its session's revocation");

        using var after = await thief.GetAsync("/api/status");
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the copied cookie is refused once its session was signed out");
        using var again = await thief.GetAsync($"/api/v1/streams/{stream}/events", HttpCompletionOption.ResponseHeadersRead);
        again.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static bool Answers(HttpClient client, string path)
    {
        try
        {
            using var response = client.GetAsync(path).GetAwaiter().GetResult();
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<string> FirstStreamAsync(HttpClient client)
    {
        string? path = null;
        await Eventually.WaitAsync(() =>
        {
            using var doc = System.Text.Json.JsonDocument.Parse(client.GetStringAsync("/api/v1/streams").GetAwaiter().GetResult());
            var first = doc.RootElement.GetProperty("streams").EnumerateArray().FirstOrDefault();
            if (first.ValueKind != System.Text.Json.JsonValueKind.Object) return false;
            path = $"{first.GetProperty("symbol").GetString()}/{first.GetProperty("interval").GetString()}";
            return true;
        }, TimeSpan.FromSeconds(30), () => "no stream listed");
        return path!;
    }
}
