using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Web.Hosting;
using CryptoStreamLab.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CryptoStreamLab.Tests.Web.Security;

/// <summary>The "Auth" section is checked at start like every other: each problem names its key, none repeats a hash.</summary>
public sealed class AuthOptionsTests
{
    private static readonly string Hash = SecretHasher.Hash("correct horse");

    private static string? Problems(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCryptoStreamLab();
        using var app = builder.Build();
        return OptionsValidation.CollectStartupProblems(app.Services);
    }

    [Fact]
    public void Users_and_keys_made_by_hash_password_are_valid() =>
        Problems(new()
        {
            ["Auth:Users:0:Name"] = "alice",
            ["Auth:Users:0:PasswordHash"] = Hash,
            ["Auth:Users:1:Name"] = "bob",
            ["Auth:Users:1:PasswordHash"] = SecretHasher.Hash("other"),
            ["Auth:ApiKeys:0:Name"] = "alice", // a key may share a person's name
            ["Auth:ApiKeys:0:KeyHash"] = SecretHasher.Hash("a-long-random-key"),
        }).Should().BeNull();

    [Fact]
    public void Every_bad_entry_is_named_by_its_key_without_showing_the_hash()
    {
        var notAHash = Convert.ToBase64String(new byte[] { 0x07, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
        var truncated = Hash[..20];
        var message = Problems(new()
        {
            ["Auth:Users:0:PasswordHash"] = Hash,
            ["Auth:Users:1:Name"] = "bob",
            ["Auth:Users:2:Name"] = "carol",
            ["Auth:Users:2:PasswordHash"] = notAHash,
            ["Auth:Users:3:Name"] = "dave",
            ["Auth:Users:3:PasswordHash"] = "plain text password",
            ["Auth:Users:4:Name"] = "Carol",
            ["Auth:Users:4:PasswordHash"] = Hash,
            ["Auth:ApiKeys:7:Name"] = "ci",
            ["Auth:ApiKeys:7:KeyHash"] = truncated,
            ["Auth:SessionLifetime"] = "00:00:00",
            ["Auth:RevalidationInterval"] = "02:00:00",
            ["Auth:LoginAttemptsPerMinute"] = "0",
        });

        message.Should().NotBeNull();
        message.Should().StartWith("The configuration is not valid:")
            .And.Contain("Auth:Users:0:Name is required.")
            .And.Contain("Auth:Users:1:PasswordHash is required (make one with the hash-password verb).")
            .And.Contain("Auth:Users:2:PasswordHash is not a hash made by the hash-password verb")
            .And.Contain("Auth:Users:3:PasswordHash is not a hash made by the hash-password verb")
            .And.Contain("Auth:Users:4:Name 'Carol' is already used by Auth:Users:2.")
            .And.Contain("Auth:ApiKeys:7:KeyHash has a salt or a subkey shorter than 128 bits.")
            .And.Contain("Auth:SessionLifetime must be between")
            .And.Contain("Auth:RevalidationInterval must be between")
            .And.Contain("Auth:LoginAttemptsPerMinute must be between 1 and 1000 (is 0).");
        message.Should().NotContain(Hash).And.NotContain(notAHash).And.NotContain(truncated).And.NotContain("plain text password");
    }

    [Fact]
    public void A_hash_is_recognised_by_its_layout_and_verifies_only_its_own_secret()
    {
        SecretHasher.Weakness(Hash).Should().BeNull();
        SecretHasher.Verify(Hash, "correct horse").Should().BeTrue();
        SecretHasher.Verify(Hash, "correct horse ").Should().BeFalse();
        SecretHasher.Verify("not base64 at all!", "correct horse").Should().BeFalse("a malformed hash fails, it does not throw");

        var bytes = Convert.FromBase64String(Hash);
        SecretHasher.Weakness(Convert.ToBase64String(bytes[..^1])).Should().BeNull("a 31-byte subkey is still at least 128 bits");
        SecretHasher.Weakness(Convert.ToBase64String(bytes[..28])).Should().NotBeNull("the subkey is missing");
        var wrongVersion = (byte[])bytes.Clone();
        wrongVersion[0] = 0x02;
        SecretHasher.Weakness(Convert.ToBase64String(wrongVersion)).Should().NotBeNull();
        SecretHasher.Weakness(Convert.ToBase64String(new byte[48])).Should().NotBeNull();
    }

    [Fact]
    public void Weak_hashes_are_refused_naming_what_is_weak()
    {
        var bytes = Convert.FromBase64String(Hash);
        SecretHasher.Weakness(Convert.ToBase64String(new byte[49])).Should().Contain("Identity v2", "version 2 is PBKDF2-HMAC-SHA1 with 1,000 iterations");

        var sha1 = (byte[])bytes.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(sha1.AsSpan(1), 0);
        SecretHasher.Weakness(Convert.ToBase64String(sha1)).Should().Contain("HMAC-SHA1");

        var sha256 = (byte[])bytes.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(sha256.AsSpan(1), 1);
        SecretHasher.Weakness(Convert.ToBase64String(sha256)).Should().BeNull("PBKDF2-HMAC-SHA256 is accepted");

        var few = (byte[])bytes.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(few.AsSpan(5), 99_999);
        SecretHasher.Weakness(Convert.ToBase64String(few)).Should().Contain("99,999 PBKDF2 iterations, fewer than the 100,000 required");
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(few.AsSpan(5), 100_000);
        SecretHasher.Weakness(Convert.ToBase64String(few)).Should().BeNull();

        var options = new AuthOptions
        {
            Users = { ["0"] = new AuthUser { Name = "old", PasswordHash = Convert.ToBase64String(new byte[49]) } },
            ApiKeys = { ["0"] = new AuthApiKey { Name = "weak", KeyHash = Convert.ToBase64String(sha1) } },
        };
        options.Validate().Should().Contain(p => p.StartsWith("Auth:Users:0:PasswordHash is an Identity v2 hash"))
            .And.Contain(p => p.StartsWith("Auth:ApiKeys:0:KeyHash uses PBKDF2 with HMAC-SHA1"));
    }
}
