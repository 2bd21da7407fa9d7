using System.Security.Claims;
using CryptoStreamLab.Web.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CryptoStreamLab.Tests.Security;

public sealed class SessionAndKeyTests
{
    private static readonly string AliceHash = SecretHasher.Hash("pw");
    private static readonly string KeyHash = SecretHasher.Hash("the-key");

    [Fact]
    public void A_session_ends_at_its_expiry_when_its_user_goes_or_when_the_password_changes()
    {
        var options = new Monitor(Options("alice", AliceHash));
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-06-01T12:00:00Z"));
        var sessions = new SessionValidator(new UserDirectory(options), clock);
        var user = options.CurrentValue.Users["0"];
        var session = sessions.Principal(user, clock.GetUtcNow() + TimeSpan.FromHours(8));

        sessions.Problem(session).Should().BeNull();
        clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        sessions.Problem(session).Should().BeNull();
        clock.Advance(TimeSpan.FromSeconds(1));
        sessions.Problem(session).Should().Be("the session of alice has expired");

        var fresh = sessions.Principal(user, clock.GetUtcNow() + TimeSpan.FromHours(1));
        options.CurrentValue = Options("alice", SecretHasher.Hash("new"));
        sessions.Problem(fresh).Should().Be("the password of alice has changed");
        options.CurrentValue = Options("bob", AliceHash);
        sessions.Problem(fresh).Should().Be("alice is no longer a configured user");
        sessions.Problem(new ClaimsPrincipal(new ClaimsIdentity())).Should().Be("not signed in");
    }

    [Fact]
    public void A_wrong_password_or_an_unknown_user_signs_nobody_in()
    {
        var users = new UserDirectory(new Monitor(Options("alice", AliceHash)));
        users.Verify("ALICE", "pw")!.Name.Should().Be("alice", "names are matched without regard to case");
        users.Verify("alice", "PW").Should().BeNull();
        users.Verify("bob", "pw").Should().BeNull();
        users.Verify("alice", "").Should().BeNull();
        users.Verify("alice", new string('p', UserDirectory.MaxInputLength + 1)).Should().BeNull();
    }

    [Fact]
    public void A_verified_key_is_remembered_for_a_while_by_its_digest_and_forgotten_when_its_entry_changes()
    {
        var options = new Monitor(new AuthOptions
        {
            ApiKeys = { ["0"] = new AuthApiKey { Name = "ci", KeyHash = KeyHash }, ["1"] = new AuthApiKey { Name = "other", KeyHash = SecretHasher.Hash("x") } },
        });
        var clock = new FakeTimeProvider();
        var keys = new ApiKeyVerifier(options, clock);

        keys.Verify("the-key").Should().Be("ci");
        keys.HashChecks.Should().Be(2, "every configured hash is checked, so timing does not tell which one matched");
        keys.Verify("the-key").Should().Be("ci");
        keys.HashChecks.Should().Be(2, "the second time comes from the cache");
        keys.Verify("not-the-key").Should().BeNull();
        keys.HashChecks.Should().Be(4, "a wrong key is never cached as right");

        clock.Advance(ApiKeyVerifier.CacheFor);
        keys.Verify("the-key").Should().Be("ci");
        keys.HashChecks.Should().Be(6, "past its time a cached key is checked again");

        options.CurrentValue = new AuthOptions { ApiKeys = { ["0"] = new AuthApiKey { Name = "ci", KeyHash = SecretHasher.Hash("rotated") } } };
        keys.Verify("the-key").Should().BeNull("the cached entry no longer matches the configuration");
        keys.Verify(new string('k', ApiKeyVerifier.MaxKeyLength + 1)).Should().BeNull();
    }

    private static AuthOptions Options(string name, string hash) => new() { Users = { ["0"] = new AuthUser { Name = name, PasswordHash = hash } } };

    private sealed class Monitor(AuthOptions value) : IOptionsMonitor<AuthOptions>
    {
        public AuthOptions CurrentValue { get; set; } = value;

        public AuthOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<AuthOptions, string?> listener) => null;
    }
}
