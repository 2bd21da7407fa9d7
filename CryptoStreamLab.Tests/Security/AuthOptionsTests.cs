using CryptoStreamLab.Web.Hosting;
using CryptoStreamLab.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CryptoStreamLab.Tests.Security;

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
            .And.Contain("Auth:ApiKeys:7:KeyHash is not a hash made by the hash-password verb")
            .And.Contain("Auth:SessionLifetime must be between")
            .And.Contain("Auth:RevalidationInterval must be between")
            .And.Contain("Auth:LoginAttemptsPerMinute must be between 1 and 1000 (is 0).");
        message.Should().NotContain(Hash).And.NotContain(notAHash).And.NotContain(truncated).And.NotContain("plain text password");
    }

    [Fact]
    public void A_hash_is_recognised_by_its_layout_and_verifies_only_its_own_secret()
    {
        SecretHasher.IsWellFormed(Hash).Should().BeTrue();
        SecretHasher.Verify(Hash, "correct horse").Should().BeTrue();
        SecretHasher.Verify(Hash, "correct horse ").Should().BeFalse();
        SecretHasher.Verify("not base64 at all!", "correct horse").Should().BeFalse("a malformed hash fails, it does not throw");

        var bytes = Convert.FromBase64String(Hash);
        SecretHasher.IsWellFormed(Convert.ToBase64String(bytes[..^1])).Should().BeTrue("a 31-byte subkey is still at least 128 bits");
        SecretHasher.IsWellFormed(Convert.ToBase64String(bytes[..28])).Should().BeFalse("the subkey is missing");
        var wrongVersion = (byte[])bytes.Clone();
        wrongVersion[0] = 0x02;
        SecretHasher.IsWellFormed(Convert.ToBase64String(wrongVersion)).Should().BeFalse();
        SecretHasher.IsWellFormed(Convert.ToBase64String(new byte[49])).Should().BeTrue("version 2: a zero marker, 16 bytes of salt, 32 of subkey");
        SecretHasher.IsWellFormed(Convert.ToBase64String(new byte[48])).Should().BeFalse();
    }
}
