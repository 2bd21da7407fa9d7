using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// Which configured API key a presented bearer key is. Each check hashes the key against every configured hash (all of
/// them, even after a match, so the time taken does not depend on which one matched), which costs tens of milliseconds
/// per key; so a key that matched is remembered for <see cref="CacheFor"/> by its SHA-256 digest (never in clear), and
/// is forgotten at once when its entry is removed or changed in configuration.
/// </summary>
public sealed class ApiKeyVerifier(IOptionsMonitor<AuthOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    /// <summary>Longer than any key a person would generate, short enough that hashing it is cheap.</summary>
    public const int MaxKeyLength = 512;

    private const int MaxCached = 1000;

    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);
    private long _hashChecks;

    /// <summary>How many times a key was hashed against a configured hash (the slow part the cache saves).</summary>
    internal long HashChecks => Interlocked.Read(ref _hashChecks);

    /// <summary>The name of the key's configuration entry, or null for a key that is not configured.</summary>
    public string? Verify(string key)
    {
        if (key.Length is 0 or > MaxKeyLength) return null;
        var digest = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var keys = options.CurrentValue.ApiKeys.Values;
        var now = clock.GetUtcNow();
        if (_verified.TryGetValue(digest, out var cached) && cached.Until > now &&
            keys.Any(k => k.Name == cached.Name && k.KeyHash == cached.KeyHash))
            return cached.Name;

        AuthApiKey? match = null;
        foreach (var candidate in keys)
        {
            if (candidate.KeyHash is not { } hash) continue;
            Interlocked.Increment(ref _hashChecks);
            if (SecretHasher.Verify(hash, key)) match ??= candidate;
        }
        if (match is null) return null;

        if (_verified.Count >= MaxCached) _verified.Clear();
        _verified[digest] = new Verified(match.Name!, match.KeyHash!, now + CacheFor);
        return match.Name;
    }

    private sealed record Verified(string Name, string KeyHash, DateTimeOffset Until);
}
