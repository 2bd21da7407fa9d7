using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace CryptoStreamLab.Tests.Web.Security;

/// <summary>
/// Behind a reverse proxy named in Hosting:ForwardedHeaders, the per-client limits count the client the proxy forwards
/// for, not the proxy, and the scheme it forwards makes the cookie Secure; the same headers from anyone else change nothing.
/// </summary>
public sealed class ProxyHeadersTests
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");

    [Fact]
    public async Task Limits_count_the_forwarded_client_and_only_a_known_proxy_is_believed()
    {
        await using var app = await SecuredApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Hosting:ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
            ["Auth:FailedAuthenticationsPerMinute"] = "2",
        });
        var server = app.App.App.GetTestServer();

        Task<HttpContext> Guess(IPAddress from, string? forwardedFor) => server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = from;
            c.Request.Method = "GET";
            c.Request.Path = "/api/status";
            c.Request.Headers.Authorization = "Bearer wrong-key";
            if (forwardedFor is not null) c.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });

        (await Guess(Proxy, "203.0.113.7")).Response.StatusCode.Should().Be(401);
        (await Guess(Proxy, "203.0.113.7")).Response.StatusCode.Should().Be(401);
        (await Guess(Proxy, "203.0.113.7")).Response.StatusCode.Should().Be(429, "the forwarded client is over its limit");
        (await Guess(Proxy, "198.51.100.20")).Response.StatusCode.Should().Be(401, "another client behind the same proxy is not");

        var stranger = IPAddress.Parse("192.0.2.9");
        (await Guess(stranger, "198.51.100.99")).Response.StatusCode.Should().Be(401);
        (await Guess(stranger, "198.51.100.98")).Response.StatusCode.Should().Be(401);
        (await Guess(stranger, "198.51.100.97")).Response.StatusCode.Should().Be(429,
            "an unknown sender's X-Forwarded-For is ignored: its own address is counted, whatever it claims");
    }

    [Fact]
    public async Task The_scheme_a_known_proxy_forwards_makes_the_sign_in_cookie_Secure()
    {
        await using var app = await SecuredApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Hosting:ForwardedHeaders:KnownProxies:0"] = Proxy.ToString(),
        });
        var server = app.App.App.GetTestServer();
        var login = await server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = Proxy;
            c.Request.Method = "GET";
            c.Request.Path = "/login";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
        });
        login.Response.StatusCode.Should().Be(200);
        login.Response.Headers.SetCookie.Should().Contain(c => c!.Contains("secure"), "the antiforgery cookie follows the forwarded scheme");

        var direct = await server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.9");
            c.Request.Method = "GET";
            c.Request.Path = "/login";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
        });
        direct.Response.Headers.SetCookie.Should().NotContain(c => c!.Contains("secure"), "a stranger's X-Forwarded-Proto is ignored");
    }
}
