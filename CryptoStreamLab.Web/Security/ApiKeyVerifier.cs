using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Security;

/// <summary>What checking a presented key found.</summary>
public readonly record struct KeyCheck(string? Name, bool Refused)
{
    public static readonly KeyCheck NoMatch = new(null, false);

    /// <summary>The key could only be checked against slow hashes, and the caller was not allowed to spend that time.</summary>
    public static readonly KeyCheck SlowCheckRefused = new(null, true);
}

/// <summary>
/// Which configured API key a presented bearer key is. Keys of <see cref="ApiKeyFormat"/> are looked up by their id and
/// compared by SHA-256 in constant time: one short hash and a look-up, whatever is presented. Entries still holding a PBKDF2 hash
/// of an older key cost tens of milliseconds per check, so those checks happen only when the caller allows it (the
/// client is not over its failure limit); a key that matched one is remembered for <see cref="CacheFor"/> by its SHA-256
/// digest (never in clear) and forgotten at once when its entry is removed or changed in configuration.
/// </summary>
public sealed class ApiKeyVerifier(IOptionsMonitor<AuthOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    /// <summary>Longer than any key a person would generate, short enough that hashing it is cheap.</summary>
    public const int MaxKeyLength = 512;

    private const int MaxCached = 1000;

    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);
    private Directory? _directory;
    private long _hashChecks;

    /// <summary>How many times a key was checked against a slow (PBKDF2) hash.</summary>
    internal long HashChecks => Interlocked.Read(ref _hashChecks);

    /// <summary>The name of the key's configuration entry, or null; slow hashes are checked when there are any.</summary>
    public string? Verify(string key) => Check(key, slowAllowed: true).Name;

    public KeyCheck Check(string key, bool slowAllowed)
    {
        if (key.Length is 0 or > MaxKeyLength) return KeyCheck.NoMatch;
        var directory = Current();
        if (ApiKeyFormat.IdOf(key) is { } id)
        {
            // A key of the new form is only ever stored in the new form: its id alone decides, and no slow hash is tried.
            return directory.ById.TryGetValue(id, out var entry) && ApiKeyFormat.Matches(key, entry.Digest)
                ? new KeyCheck(entry.Name, false)
                : KeyCheck.NoMatch;
        }
        if (directory.Slow.Count == 0) return KeyCheck.NoMatch;

        var digest = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var now = clock.GetUtcNow();
        if (_verified.TryGetValue(digest, out var cached) && cached.Until > now &&
            directory.Slow.Any(k => k.Name == cached.Name && k.KeyHash == cached.KeyHash))
            return new KeyCheck(cached.Name, false);
        if (!slowAllowed) return KeyCheck.SlowCheckRefused;

        AuthApiKey? match = null;
        foreach (var candidate in directory.Slow)
        {
            // Every slow hash is checked, even after a match, so the time taken does not tell which one matched.
            Interlocked.Increment(ref _hashChecks);
            if (SecretHasher.Verify(candidate.KeyHash!, key)) match ??= candidate;
        }
        if (match is null) return KeyCheck.NoMatch;

        if (_verified.Count >= MaxCached) _verified.Clear();
        _verified[digest] = new Verified(match.Name!, match.KeyHash!, now + CacheFor);
        return new KeyCheck(match.Name, false);
    }

    /// <summary>Whether the key entry named <paramref name="name"/> is still configured (a removed key ends its event streams).</summary>
    public bool IsConfigured(string name) =>
        options.CurrentValue.ApiKeys.Values.Any(k => string.Equals(k.Name, name, StringComparison.Ordinal));

    /// <summary>The configured keys split by kind, rebuilt when the configuration object changes.</summary>
    private Directory Current()
    {
        var value = options.CurrentValue;
        var directory = _directory;
        if (directory?.Source == value) return directory;
        var byId = new Dictionary<string, (string Name, byte[] Digest)>(StringComparer.Ordinal);
        var slow = new List<AuthApiKey>();
        foreach (var key in value.ApiKeys.Values)
        {
            if (key.Name is null || key.KeyHash is null) continue;
            if (ApiKeyFormat.TryParseStored(key.KeyHash, out var id, out var digest)) byId.TryAdd(id, (key.Name, digest));
            else slow.Add(key);
        }
        return _directory = new Directory(value, byId, slow);
    }

    private sealed record Directory(AuthOptions Source, Dictionary<string, (string Name, byte[] Digest)> ById, List<AuthApiKey> Slow);

    private sealed record Verified(string Name, string KeyHash, DateTimeOffset Until);
}
