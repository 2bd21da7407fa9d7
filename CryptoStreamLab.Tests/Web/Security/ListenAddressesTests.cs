using CryptoStreamLab.Web.Security;
using Microsoft.Extensions.Configuration;

namespace CryptoStreamLab.Tests.Web.Security;

public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://localhost:5000", true)]
    [InlineData("https://LOCALHOST", true)]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://127.8.9.10:80", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://unix:/run/app.sock", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://192.168.1.20:5000", false)]
    [InlineData("http://example.com:5000", false)]
    [InlineData("http://localhost.example.com:5000", false)]
    [InlineData("http://[::1", false)]
    public void Only_loopback_hosts_are_loopback(string url, bool loopback) => ListenAddresses.IsLoopback(url).Should().Be(loopback);

    [Fact]
    public void Kestrel_endpoints_outrank_urls_which_outrank_http_ports_and_nothing_means_localhost_5000()
    {
        Configured(("urls", "http://localhost:1;http://0.0.0.0:2"), ("http_ports", "8080"), ("Kestrel:Endpoints:Web:Url", "http://10.0.0.1:3"))
            .Should().Equal(("http://10.0.0.1:3", "Kestrel:Endpoints:Web:Url"));
        Configured(("urls", "http://localhost:1; http://0.0.0.0:2"), ("http_ports", "8080"))
            .Should().Equal(("http://localhost:1", "Urls"), ("http://0.0.0.0:2", "Urls"));
        Configured(("http_ports", "8080"), ("https_ports", "8443"))
            .Should().Equal(("http://*:8080", "HTTP_PORTS"), ("https://*:8443", "HTTPS_PORTS"));
        Configured().Should().Equal(("http://localhost:5000", "the default"));
    }

    [Fact]
    public void Beyond_loopback_needs_a_user_a_key_or_AllowAnonymous()
    {
        var configuration = Configuration(("urls", "http://localhost:5000;http://0.0.0.0:5001"));

        var problems = ListenAddresses.Problems(configuration, new AuthOptions()).ToList();
        problems.Should().ContainSingle().Which.Should().Contain("http://0.0.0.0:5001 (Urls)").And.Contain("Auth:AllowAnonymous=true")
            .And.Contain("Auth:Users:0:Name");

        ListenAddresses.Problems(configuration, new AuthOptions { AllowAnonymous = true }).Should().BeEmpty();
        ListenAddresses.Problems(configuration, new AuthOptions { Users = { ["0"] = new AuthUser { Name = "a", PasswordHash = "h" } } })
            .Should().BeEmpty();
        ListenAddresses.Problems(configuration, new AuthOptions { ApiKeys = { ["0"] = new AuthApiKey { Name = "k", KeyHash = "h" } } })
            .Should().BeEmpty();
        ListenAddresses.Problems(Configuration(("urls", "http://127.0.0.1:0")), new AuthOptions()).Should().BeEmpty();
    }

    private static IReadOnlyList<(string, string)> Configured(params (string Key, string Value)[] settings) =>
        ListenAddresses.Configured(Configuration(settings));

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
