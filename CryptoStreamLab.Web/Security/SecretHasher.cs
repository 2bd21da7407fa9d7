using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// Passwords and API keys are kept only as ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> hashes (PBKDF2
/// with HMAC-SHA512, a random salt and 100,000 iterations, compared in constant time): deliberately slow to guess from a
/// leaked configuration, and so also slow to check (tens of milliseconds each).
/// </summary>
public static class SecretHasher
{
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object Nobody = new();

    // A hash of a random secret nobody knows: checking an unknown user's password against it costs what a known user's
    // costs, so the time a failed sign-in takes does not tell whether the name exists.
    private static readonly Lazy<string> Decoy = new(() => Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

    public static string Hash(string secret) => Hasher.HashPassword(Nobody, secret);

    /// <summary>Whether <paramref name="secret"/> matches <paramref name="hash"/>; false for a malformed hash, never an exception.</summary>
    public static bool Verify(string hash, string secret)
    {
        try
        {
            return Hasher.VerifyHashedPassword(Nobody, hash, secret) != PasswordVerificationResult.Failed;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Spends the time of one <see cref="Verify"/> and fails: for a name that is not configured.</summary>
    public static bool VerifyNothing(string secret)
    {
        Verify(Decoy.Value, secret);
        return false;
    }

    /// <summary>
    /// Whether <paramref name="hash"/> has PasswordHasher's layout: base64 of a version byte, then for version 3
    /// (today's) the PRF, iteration count and salt length (big-endian) with a salt and a subkey of at least 128 bits each,
    /// or for version 2 (Identity 2) a 16-byte salt and a 32-byte subkey.
    /// </summary>
    public static bool IsWellFormed(string hash)
    {
        var bytes = new byte[hash.Length];
        if (!Convert.TryFromBase64String(hash, bytes, out var length) || length == 0) return false;
        var decoded = bytes.AsSpan(0, length);
        return decoded[0] switch
        {
            0x00 => length == 1 + 16 + 32,
            0x01 when length >= 13 =>
                BinaryPrimitives.ReadUInt32BigEndian(decoded[1..]) <= 2
                && BinaryPrimitives.ReadUInt32BigEndian(decoded[5..]) > 0
                && BinaryPrimitives.ReadUInt32BigEndian(decoded[9..]) is var salt && salt >= 16
                && length - 13 - (long)salt >= 16,
            _ => false,
        };
    }
}
