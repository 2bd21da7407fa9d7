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

    /// <summary>The fewest PBKDF2 iterations a configured hash may have (today's PasswordHasher default).</summary>
    public const int MinIterations = 100_000;

    /// <summary>
    /// Why <paramref name="hash"/> is not a hash this app accepts, or null when it is: base64 of PasswordHasher's version 3
    /// layout (a version byte, then the PRF, iteration count and salt length, big-endian) with PBKDF2-HMAC-SHA256 or -SHA512,
    /// at least <see cref="MinIterations"/> iterations, and a salt and a subkey of at least 128 bits each. Identity v2
    /// hashes (HMAC-SHA1, 1,000 iterations) and weaker settings are refused: they are cheap to guess from a leaked file.
    /// </summary>
    public static string? Weakness(string hash)
    {
        var bytes = new byte[hash.Length];
        if (!Convert.TryFromBase64String(hash, bytes, out var length) || length == 0)
            return "is not a hash made by the hash-password verb (ASP.NET Core Identity's PasswordHasher format)";
        var decoded = bytes.AsSpan(0, length);
        if (decoded[0] == 0x00) return "is an Identity v2 hash (PBKDF2-HMAC-SHA1, 1,000 iterations), too weak to accept; make a new one with the hash-password verb";
        if (decoded[0] != 0x01 || length < 13) return "is not a hash made by the hash-password verb (ASP.NET Core Identity's PasswordHasher format)";
        var prf = BinaryPrimitives.ReadUInt32BigEndian(decoded[1..]);
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(decoded[5..]);
        var salt = BinaryPrimitives.ReadUInt32BigEndian(decoded[9..]);
        if (prf is not (1 or 2)) return "uses PBKDF2 with HMAC-SHA1; only HMAC-SHA256 or HMAC-SHA512 is accepted (make a new one with the hash-password verb)";
        if (iterations < MinIterations)
            return $"has {iterations:N0} PBKDF2 iterations, fewer than the {MinIterations:N0} required (make a new one with the hash-password verb)";
        if (salt < 16 || length - 13 - (long)salt < 16) return "has a salt or a subkey shorter than 128 bits";
        return null;
    }
}
