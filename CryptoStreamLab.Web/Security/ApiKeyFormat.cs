using System.Security.Cryptography;
using System.Text;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// API keys as this app issues them: <c>csl_&lt;id&gt;_&lt;secret&gt;</c>, a public id of 16 hex digits (64 random bits) that
/// names the configuration entry, and a secret of 64 hex digits (256 random bits). A key that random needs no slow hash:
/// the configuration keeps <c>sha256:&lt;id&gt;:&lt;digest&gt;</c> (the SHA-256 of the whole key, base64), and a presented key is
/// found by its id and compared in constant time, so checking any key costs one SHA-256 of a short string and a look-up.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "csl_";
    public const string StoredPrefix = "sha256:";
    private const int IdBytes = 8, SecretBytes = 32;
    private const int IdLength = IdBytes * 2, SecretLength = SecretBytes * 2;
    private const int KeyLength = 4 + IdLength + 1 + SecretLength;

    /// <summary>A new random key and the value to store for it in <c>Auth:ApiKeys:N:KeyHash</c>.</summary>
    public static (string Key, string KeyHash) New()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var key = $"{Prefix}{id}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes))}";
        return (key, Stored(id, Digest(key)));
    }

    /// <summary>The id of a key of this format, or null for anything else (a key from an older hash, a guess).</summary>
    public static string? IdOf(string key)
    {
        if (key.Length != KeyLength || !key.StartsWith(Prefix, StringComparison.Ordinal) || key[4 + IdLength] != '_') return null;
        var id = key.AsSpan(4, IdLength);
        return IsLowerHex(id) && IsLowerHex(key.AsSpan(4 + IdLength + 1)) ? id.ToString() : null;
    }

    /// <summary>The id and digest of a stored <c>sha256:&lt;id&gt;:&lt;digest&gt;</c> value; false for any other text.</summary>
    public static bool TryParseStored(string? keyHash, out string id, out byte[] digest)
    {
        (id, digest) = ("", []);
        if (keyHash is null || !keyHash.StartsWith(StoredPrefix, StringComparison.Ordinal)) return false;
        var parts = keyHash[StoredPrefix.Length..].Split(':');
        if (parts.Length != 2 || parts[0].Length != IdLength || !IsLowerHex(parts[0])) return false;
        var bytes = new byte[SHA256.HashSizeInBytes + 3];
        if (!Convert.TryFromBase64String(parts[1], bytes, out var length) || length != SHA256.HashSizeInBytes) return false;
        (id, digest) = (parts[0], bytes[..length]);
        return true;
    }

    /// <summary>Whether <paramref name="key"/> is the key a stored digest was made from, in time that does not depend on where they differ.</summary>
    public static bool Matches(string key, byte[] digest) => CryptographicOperations.FixedTimeEquals(Digest(key), digest);

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Stored(string id, byte[] digest) => $"{StoredPrefix}{id}:{Convert.ToBase64String(digest)}";

    private static bool IsLowerHex(ReadOnlySpan<char> text) => !text.ContainsAnyExcept("0123456789abcdef");
}
