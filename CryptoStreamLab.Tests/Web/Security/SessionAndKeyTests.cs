using System.Security.Claims;
using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CryptoStreamLab.Tests.Web.Security;

public sealed class SessionAndKeyTests
{
    private static readonly string AliceHash = SecretHasher.Hash("pw");
    private static readonly string KeyHash = SecretHasher.Hash("the-key");

    [Fact]
    public void A_session_ends_at_its_expiry_when_its_user_goes_or_when_the_password_changes()
    {
        var options = new SettableOptionsMonitor<AuthOptions>(Options("alice", AliceHash));
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-06-01T12:00:00Z"));
        using var folder = new TempFolder();
        var sessions = new SessionValidator(new UserDirectory(options), new SessionStore(folder.File("ledger.db"), clock, NullLogger<SessionStore>.Instance), clock);
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
        var users = new UserDirectory(new SettableOptionsMonitor<AuthOptions>(Options("alice", AliceHash)));
        users.Verify("ALICE", "pw")!.Name.Should().Be("alice", "names are matched without regard to case");
        users.Verify("alice", "PW").Should().BeNull();
        users.Verify("bob", "pw").Should().BeNull();
        users.Verify("alice", "").Should().BeNull();
        users.Verify("alice", new string('p', UserDirectory.MaxInputLength + 1)).Should().BeNull();
    }

    [Fact]
    public void A_verified_key_is_remembered_for_a_while_by_its_digest_and_forgotten_when_its_entry_changes()
    {
        var options = new SettableOptionsMonitor<AuthOptions>(new AuthOptions
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

    [Fact]
    public void A_signed_out_session_is_refused_even_with_its_cookie_and_the_record_survives_a_restart()
    {
        var options = new SettableOptionsMonitor<AuthOptions>(Options("alice", AliceHash));
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-06-01T12:00:00Z"));
        using var folder = new TempFolder();
        var path = folder.File("ledger.db");
        ClaimsPrincipal kept, signedOut;
        using (var store = new SessionStore(path, clock, NullLogger<SessionStore>.Instance))
        {
            var sessions = new SessionValidator(new UserDirectory(options), store, clock);
            var user = options.CurrentValue.Users["0"];
            kept = sessions.Principal(user, clock.GetUtcNow() + TimeSpan.FromHours(8));
            signedOut = sessions.Principal(user, clock.GetUtcNow() + TimeSpan.FromHours(8));
            sessions.Problem(signedOut).Should().BeNull();
            sessions.SignOut(signedOut);
            sessions.Problem(signedOut).Should().Be("the session of alice was signed out");
            sessions.Problem(kept).Should().BeNull("signing out ends only that session");
        }

        using var restarted = new SessionStore(path, clock, NullLogger<SessionStore>.Instance);
        var again = new SessionValidator(new UserDirectory(options), restarted, clock);
        again.Problem(signedOut).Should().Be("the session of alice was signed out", "the revocation was written to the database");
        again.Problem(kept).Should().BeNull("a restart keeps who is signed in");
        var forged = new ClaimsPrincipal(new ClaimsIdentity(
            kept.Claims.Where(c => c.Type != SessionValidator.SessionClaim).Append(new Claim(SessionValidator.SessionClaim, "made-up")),
            kept.Identity!.AuthenticationType));
        again.Problem(forged).Should().Be("the session of alice was signed out", "a session the server never issued is not valid");
    }

    [Fact]
    public void A_key_of_the_new_kind_is_found_by_its_id_and_checked_without_any_slow_hash()
    {
        var (key, keyHash) = ApiKeyFormat.New();
        var (other, _) = ApiKeyFormat.New();
        key.Should().MatchRegex("^csl_[0-9a-f]{16}_[0-9a-f]{64}$");
        keyHash.Should().MatchRegex("^sha256:[0-9a-f]{16}:[A-Za-z0-9+/]{43}=$").And.NotContain(key[21..]);
        var options = new SettableOptionsMonitor<AuthOptions>(new AuthOptions { ApiKeys = { ["0"] = new AuthApiKey { Name = "bot", KeyHash = keyHash } } });
        var keys = new ApiKeyVerifier(options, new FakeTimeProvider());

        keys.Check(key, slowAllowed: false).Should().Be(new KeyCheck("bot", false), "the key's digest matches, and no slow hash is needed");
        keys.Verify(other).Should().BeNull("another key's id is not configured");
        keys.Verify(key[..^1] + (key[^1] == '0' ? '1' : '0')).Should().BeNull("the same id with another secret");
        keys.Verify("csl_" + new string('z', 81)).Should().BeNull();
        keys.HashChecks.Should().Be(0, "no key of any kind was checked against a slow hash");

        options.CurrentValue = new AuthOptions { ApiKeys = { ["0"] = new AuthApiKey { Name = "bot", KeyHash = ApiKeyFormat.New().KeyHash } } };
        keys.Verify(key).Should().BeNull("its entry was replaced");
    }

    [Fact]
    public void A_slow_hash_is_not_checked_when_the_caller_is_over_its_failure_limit_but_a_remembered_key_still_passes()
    {
        var options = new SettableOptionsMonitor<AuthOptions>(new AuthOptions { ApiKeys = { ["0"] = new AuthApiKey { Name = "old", KeyHash = KeyHash } } });
        var keys = new ApiKeyVerifier(options, new FakeTimeProvider());

        keys.Check("a guess", slowAllowed: false).Should().Be(KeyCheck.SlowCheckRefused);
        keys.HashChecks.Should().Be(0);
        keys.Check("the-key", slowAllowed: true).Name.Should().Be("old");
        keys.Check("the-key", slowAllowed: false).Name.Should().Be("old", "a key that matched is remembered by its digest");
        keys.HashChecks.Should().Be(1);
    }

    [Fact]
    public void Failures_are_counted_per_address_and_an_IPv6_network_counts_as_one_client()
    {
        var limiter = new AuthFailureLimiter(Microsoft.Extensions.Options.Options.Create(new AuthOptions { FailedAuthenticationsPerMinute = 3 }),
            NullLogger<AuthFailureLimiter>.Instance);
        var a = System.Net.IPAddress.Parse("2001:db8::1");
        var b = System.Net.IPAddress.Parse("2001:db8::ffff:2");
        var other = System.Net.IPAddress.Parse("127.0.0.1");
        limiter.RecordFailure(a, "x");
        limiter.RecordFailure(b, "x");
        limiter.IsOverLimit(a).Should().BeFalse();
        limiter.RecordFailure(a, "x");
        limiter.IsOverLimit(b).Should().BeTrue("both addresses are in one /64");
        limiter.IsOverLimit(other).Should().BeFalse();
        limiter.Total.Should().Be(3);
    }

    private static AuthOptions Options(string name, string hash) => new() { Users = { ["0"] = new AuthUser { Name = name, PasswordHash = hash } } };
}
