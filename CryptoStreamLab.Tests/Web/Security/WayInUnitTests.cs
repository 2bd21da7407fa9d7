using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Wire;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Cli;
using CryptoStreamLab.Web.Components.Backtesting;
using CryptoStreamLab.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CryptoStreamLab.Tests.Web.Security;

/// <summary>The pieces of the way in that need no running app: the key verb, the run queue, the circuit's check, the settings' checks.</summary>
public sealed class WayInUnitTests
{
    [Fact]
    public void New_api_key_prints_the_key_then_the_value_to_store_and_nothing_else()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        NewApiKeyCommand.Run([], output, error).Should().Be(0);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        lines.Should().HaveCount(2);
        ApiKeyFormat.TryParseStored(lines[1], out var id, out var digest).Should().BeTrue();
        ApiKeyFormat.IdOf(lines[0]).Should().Be(id);
        ApiKeyFormat.Matches(lines[0], digest).Should().BeTrue();
        new AuthOptions { ApiKeys = { ["0"] = new AuthApiKey { Name = "bot", KeyHash = lines[1] } } }.Validate().Should().BeEmpty();

        NewApiKeyCommand.Run(["extra"], output, error).Should().Be(2);
    }

    [Fact]
    public void A_stored_key_value_that_is_not_the_verbs_or_repeats_an_id_is_refused_by_its_key()
    {
        var (_, hash) = ApiKeyFormat.New();
        var options = new AuthOptions
        {
            ApiKeys =
            {
                ["0"] = new AuthApiKey { Name = "a", KeyHash = hash },
                ["1"] = new AuthApiKey { Name = "b", KeyHash = hash },
                ["2"] = new AuthApiKey { Name = "c", KeyHash = "sha256:xyz:abc" },
            },
        };
        options.Validate().Should().Contain(p => p.StartsWith("Auth:ApiKeys:1:KeyHash has the key id") && p.Contains("Auth:ApiKeys:0"))
            .And.Contain("Auth:ApiKeys:2:KeyHash is not the second line the new-api-key verb prints (sha256:<16 hex digits>:<base64 digest>).");
    }

    [Fact]
    public async Task Heavy_runs_take_one_slot_per_core_and_the_others_wait_in_order_told_their_place()
    {
        var queue = new HeavyRunQueue(slots: 1);
        var first = await queue.EnterAsync(null, CancellationToken.None);
        var places = new Dictionary<string, List<int>> { ["b"] = [], ["c"] = [] };
        using var cancelB = new CancellationTokenSource();
        var b = queue.EnterAsync(p => places["b"].Add(p), cancelB.Token);
        var c = queue.EnterAsync(p => places["c"].Add(p), CancellationToken.None);
        places["b"].Should().Equal(1);
        places["c"].Should().Equal(2);

        await cancelB.CancelAsync();
        await FluentActions.Awaiting(() => b).Should().ThrowAsync<OperationCanceledException>();
        places["c"].Should().Equal(2, 1);
        c.IsCompleted.Should().BeFalse("the slot is still taken");

        first.Dispose();
        using var third = await c;
        places["c"].Should().Equal(2, 1, 0);
    }

    [Fact]
    public async Task A_circuit_runs_one_heavy_run_at_a_time()
    {
        using var slot = new CircuitRunSlot(new HeavyRunQueue(slots: 4));
        var first = await slot.EnterAsync(null, CancellationToken.None);
        var second = slot.EnterAsync(null, CancellationToken.None);
        second.IsCompleted.Should().BeFalse("one run per page, even with free slots in the app");
        first.Dispose();
        (await second).Dispose();
    }

    [Fact]
    public async Task A_circuit_action_is_refused_and_sent_to_login_once_its_session_was_signed_out()
    {
        await using var context = new BunitContext();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-06-01T12:00:00Z"));
        using var folder = new Support.TempFolder();
        var user = new AuthUser { Name = "alice", PasswordHash = SecuredApp.PasswordHash };
        var options = new SettableOptionsMonitor<AuthOptions>(new AuthOptions { Users = { ["0"] = user } });
        var sessions = new SessionValidator(new UserDirectory(options), new SessionStore(folder.File("ledger.db"), clock, NullLogger<SessionStore>.Instance), clock);
        var principal = sessions.Principal(user, clock.GetUtcNow() + TimeSpan.FromHours(1));
        var navigation = context.Services.GetRequiredService<BunitNavigationManager>();
        var access = new CircuitAccess(navigation, options, new CredentialWatch(sessions, new ApiKeyVerifier(options, clock), clock), new FixedState(principal));

        (await access.AllowedAsync()).Should().BeTrue();
        navigation.Uri.Should().NotEndWith("/login");
        sessions.SignOut(principal);
        (await access.AllowedAsync()).Should().BeFalse("the session ended on the server, even though the circuit still holds its user");
        navigation.Uri.Should().EndWith("/login");

        (await new CircuitAccess(navigation, new SettableOptionsMonitor<AuthOptions>(new AuthOptions())).AllowedAsync()).Should().BeTrue("with access control off every action is allowed");
    }

    [Fact]
    public void Forwarded_header_proxies_must_be_addresses_and_networks()
    {
        new ForwardedHeadersSettings { KnownProxies = ["10.0.0.5", "::1"], KnownNetworks = ["10.0.0.0/8"] }.Validate().Should().BeEmpty();
        new ForwardedHeadersSettings { KnownProxies = ["proxy.local"], KnownNetworks = ["10.0.0.0/33"] }.Validate().Should().Equal(
            "Hosting:ForwardedHeaders:KnownProxies:0 'proxy.local' is not an IP address (e.g. 10.0.0.5 or ::1).",
            "Hosting:ForwardedHeaders:KnownNetworks:0 '10.0.0.0/33' is not a network in CIDR form (e.g. 10.0.0.0/8).");
    }

    [Fact]
    public void Start_warns_of_slow_key_hashes_and_of_sign_in_over_plain_HTTP_beyond_loopback()
    {
        var auth = new AuthOptions
        {
            Users = { ["0"] = new AuthUser { Name = "alice", PasswordHash = SecuredApp.PasswordHash } },
            ApiKeys = { ["0"] = new AuthApiKey { Name = "old", KeyHash = SecuredApp.KeyHash }, ["1"] = new AuthApiKey { Name = "new", KeyHash = ApiKeyFormat.New().KeyHash } },
        };
        var remote = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Urls"] = "http://0.0.0.0:5000" }).Build();
        var warnings = StartupWarnings.Of(remote, auth).ToList();
        warnings.Should().Contain(w => w.StartsWith("Auth:ApiKeys:0:KeyHash (old) is a slow PBKDF2 hash") && w.Contains("new-api-key"))
            .And.NotContain(w => w.Contains("Auth:ApiKeys:1"))
            .And.Contain(w => w.Contains("http://0.0.0.0:5000, plain HTTP beyond loopback"))
            .And.Contain(w => w.Contains("Set AllowedHosts"));
        var local = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Urls"] = "http://localhost:5000" }).Build();
        StartupWarnings.Of(local, new AuthOptions()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("sasl.password")]
    [InlineData("SaslPassword")]
    [InlineData("sasl.oauthbearer.config")]
    [InlineData("sasl.oauthbearer.client.secret")]
    [InlineData("ssl.key.pem")]
    [InlineData("ssl.keystore.password")]
    [InlineData("sasl.jaas.config")]
    [InlineData("my.access_token")]
    public void Kafka_client_settings_that_may_hold_a_credential_are_masked(string key)
    {
        var options = new KafkaOptions { Client = { [key] = "hunter2", ["security.protocol"] = "SASL_SSL" } };
        options.DescribeClientSettings().Should().NotContain("hunter2").And.Contain($"{key}=***").And.Contain("security.protocol=SASL_SSL");
    }

    private sealed class FixedState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
