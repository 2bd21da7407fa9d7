using System.Net;
using System.Text.RegularExpressions;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;

namespace CryptoStreamLab.Tests.Web.Security;

/// <summary>
/// The whole app in process with one user and one API key configured (or none), plus a state-changing endpoint under
/// /api (<see cref="ChangePath"/>) standing for the API's future POSTs, and HTTP clients that are anonymous, carry the
/// key, or sign in through the real /login form with a cookie jar.
/// </summary>
public sealed partial class SecuredApp : IAsyncDisposable
{
    public const string User = "alice";
    public const string Password = "correct horse battery staple";
    public const string Key = "csl_5f0c1a7e9b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f";
    public const string ChangePath = "/api/test/change";

    // Hashing is deliberately slow: once per test run. Key is of the older kind, kept as a PBKDF2 hash (still accepted);
    // FastKey is one the new-api-key verb makes.
    public static readonly string PasswordHash = SecretHasher.Hash(Password);
    public static readonly string KeyHash = SecretHasher.Hash(Key);
    public static readonly (string Key, string KeyHash) Fast = ApiKeyFormat.New();

    private SecuredApp(InProcessApp app) => App = app;

    public InProcessApp App { get; }

    public static async Task<SecuredApp> StartAsync(bool withUsers = true, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            // Binance where nothing listens: BTCUSDT 1m is a stream the app knows, and nothing reaches the internet.
            ["MarketData:Source"] = "Binance",
            ["MarketData:Symbols:0"] = "BTCUSDT",
            ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
            ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
            ["Auth:LoginAttemptsPerMinute"] = "1000",
        };
        if (withUsers)
        {
            all["Auth:Users:0:Name"] = User;
            all["Auth:Users:0:PasswordHash"] = PasswordHash;
            all["Auth:ApiKeys:0:Name"] = "ci";
            all["Auth:ApiKeys:0:KeyHash"] = KeyHash;
            all["Auth:ApiKeys:1:Name"] = "bot";
            all["Auth:ApiKeys:1:KeyHash"] = Fast.KeyHash;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;

        var app = new InProcessApp(all);
        app.App.MapPost(ChangePath, () => Results.Ok(new { changed = true }));
        await app.StartAsync();
        return new SecuredApp(app);
    }

    public HttpClient Anonymous() => App.Client;

    public HttpClient WithKey(string key = Key)
    {
        var client = App.Client;
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {key}");
        return client;
    }

    /// <summary>A client with a cookie jar that has opened /login, so it holds the antiforgery cookie and the form's token.</summary>
    public async Task<(HttpClient Client, string Token)> LoginPageAsync(Uri? baseAddress = null)
    {
        var jar = new CookieContainer();
        var client = new HttpClient(new CookieContainerHandler(jar) { InnerHandler = App.App.GetTestServer().CreateHandler() })
        {
            BaseAddress = baseAddress ?? new Uri("http://localhost"),
        };
        _jars.Add(client, jar);
        return (client, TokenIn(await client.GetStringAsync("/login")));
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> _jars = [];

    /// <summary>The session cookie a signed-in client holds, as a <c>Cookie</c> header value another client can send.</summary>
    public string SessionCookieOf(HttpClient client) =>
        _jars.TryGetValue(client, out var jar) && jar.GetCookies(client.BaseAddress!)[SignInCookie.Name] is { } cookie
            ? $"{cookie.Name}={cookie.Value}"
            : throw new InvalidOperationException("The client holds no session cookie.");

    /// <summary>Posts the sign-in form as a browser would; the response is the redirect.</summary>
    public static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string? token, string user, string password, string returnUrl = "/")
    {
        var fields = new Dictionary<string, string> { ["username"] = user, ["password"] = password, ["ReturnUrl"] = returnUrl };
        if (token is not null) fields["__RequestVerificationToken"] = token;
        return client.PostAsync(LoginEndpoints.LoginPath, new FormUrlEncodedContent(fields));
    }

    public async Task<HttpClient> SignedInAsync()
    {
        var (client, token) = await LoginPageAsync();
        using var response = await PostLoginAsync(client, token, User, Password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>The antiforgery token a page's form carries (the sign-in form, or the app bar's sign-out form).</summary>
    public static string TokenIn(string html) =>
        TokenField().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token in the page.");

    public ValueTask DisposeAsync() => App.DisposeAsync();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
