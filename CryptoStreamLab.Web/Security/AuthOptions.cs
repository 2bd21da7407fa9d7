namespace CryptoStreamLab.Web.Security;

/// <summary>
/// Who may use the app (appsettings section "Auth"). With no user and no API key, access control is off and the app is
/// open, as it always was on localhost; configuring either turns it on for every page and endpoint but <c>/health</c>.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// People who sign in on <c>/login</c>: <c>Auth:Users:0:Name</c>, <c>Auth:Users:0:PasswordHash</c>, … Keyed by the
    /// configuration's own index, so that a problem names the key exactly as it was written (JSON arrays and
    /// <c>Auth__Users__3__Name</c> environment variables bind alike).
    /// </summary>
    public Dictionary<string, AuthUser> Users { get; set; } = [];

    /// <summary>Programs that call the API with <c>Authorization: Bearer &lt;key&gt;</c>: <c>Auth:ApiKeys:0:Name</c>, <c>Auth:ApiKeys:0:KeyHash</c>, …</summary>
    public Dictionary<string, AuthApiKey> ApiKeys { get; set; } = [];

    /// <summary>Lets an app without users or keys listen beyond loopback: open to whoever reaches it, on purpose.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>How long a sign-in lasts, from the moment of signing in (not sliding); the browser also drops it when it closes.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often an open dashboard checks that its session is still valid (expired, user removed or password changed → /login).</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sign-in attempts one client address may make per minute; the next get 429.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 5;

    /// <summary>
    /// Failed API-key authentications one client address (an IPv6 /64) may make per minute; past them a key that does not
    /// match gets 429, and no slow hash is computed for it.
    /// </summary>
    public int FailedAuthenticationsPerMinute { get; set; } = 20;

    /// <summary>Failed sign-ins one account name may have per minute, from whatever addresses; the next attempts get 429.</summary>
    public int FailedLoginsPerAccountPerMinute { get; set; } = 10;

    /// <summary>Mark the sign-in cookie Secure on every response, not only on HTTPS requests (set it when a TLS proxy serves the app).</summary>
    public bool RequireSecureCookie { get; set; }

    public bool Enabled => Users.Count > 0 || ApiKeys.Count > 0;

    public IEnumerable<string> Validate()
    {
        foreach (var problem in Entries("Users", "PasswordHash", "the hash-password verb", Users.Select(u => (u.Key, u.Value.Name, u.Value.PasswordHash)), PasswordProblem))
            yield return problem;
        foreach (var problem in Entries("ApiKeys", "KeyHash", "the new-api-key verb", ApiKeys.Select(k => (k.Key, k.Value.Name, k.Value.KeyHash)), KeyHashProblem))
            yield return problem;
        foreach (var problem in RepeatedKeyIds())
            yield return problem;
        if (SessionLifetime < TimeSpan.FromSeconds(1) || SessionLifetime > TimeSpan.FromDays(30))
            yield return $"{SectionName}:SessionLifetime must be between 00:00:01 and 30.00:00:00 (is {SessionLifetime}).";
        if (RevalidationInterval < TimeSpan.FromSeconds(1) || RevalidationInterval > TimeSpan.FromHours(1))
            yield return $"{SectionName}:RevalidationInterval must be between 00:00:01 and 01:00:00 (is {RevalidationInterval}).";
        if (LoginAttemptsPerMinute is < 1 or > 1000)
            yield return $"{SectionName}:LoginAttemptsPerMinute must be between 1 and 1000 (is {LoginAttemptsPerMinute}).";
        if (FailedAuthenticationsPerMinute is < 1 or > 100_000)
            yield return $"{SectionName}:FailedAuthenticationsPerMinute must be between 1 and 100000 (is {FailedAuthenticationsPerMinute}).";
        if (FailedLoginsPerAccountPerMinute is < 1 or > 1000)
            yield return $"{SectionName}:FailedLoginsPerAccountPerMinute must be between 1 and 1000 (is {FailedLoginsPerAccountPerMinute}).";
    }

    private static string? PasswordProblem(string hash) => SecretHasher.Weakness(hash);

    /// <summary>A key's stored value: <see cref="ApiKeyFormat"/>'s <c>sha256:</c> form, or a strong PBKDF2 hash of an older key.</summary>
    private static string? KeyHashProblem(string hash) =>
        hash.StartsWith(ApiKeyFormat.StoredPrefix, StringComparison.Ordinal)
            ? ApiKeyFormat.TryParseStored(hash, out _, out _) ? null : "is not the second line the new-api-key verb prints (sha256:<16 hex digits>:<base64 digest>)"
            : SecretHasher.Weakness(hash);

    /// <summary>Each key id once: the id picks the entry a presented key is compared with.</summary>
    private IEnumerable<string> RepeatedKeyIds()
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (index, key) in ApiKeys.OrderBy(e => e.Key, StringComparer.Ordinal))
            if (ApiKeyFormat.TryParseStored(key.KeyHash, out var id, out _) && !seen.TryAdd(id, index))
                yield return $"{SectionName}:ApiKeys:{index}:KeyHash has the key id {id} of {SectionName}:ApiKeys:{seen[id]}: make each key with the new-api-key verb.";
    }

    /// <summary>Names and hashes of one list; a hash is never repeated in a message, only its key.</summary>
    private static IEnumerable<string> Entries(string list, string hashField, string maker,
        IEnumerable<(string Key, string? Name, string? Hash)> entries, Func<string, string?> hashProblem)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (index, name, hash) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var key = $"{SectionName}:{list}:{index}";
            if (string.IsNullOrWhiteSpace(name))
                yield return $"{key}:Name is required.";
            else if (name.Length > 100 || name.Any(char.IsControl) || name.Trim() != name)
                yield return $"{key}:Name must be at most 100 characters, without control characters or surrounding spaces.";
            else if (!seen.TryAdd(name, key))
                yield return $"{key}:Name '{name}' is already used by {seen[name]}.";

            if (string.IsNullOrWhiteSpace(hash))
                yield return $"{key}:{hashField} is required (make one with {maker}).";
            else if (hashProblem(hash) is { } problem)
                yield return $"{key}:{hashField} {problem}.";
        }
    }
}

public sealed class AuthUser
{
    public string? Name { get; set; }

    public string? PasswordHash { get; set; }
}

public sealed class AuthApiKey
{
    public string? Name { get; set; }

    public string? KeyHash { get; set; }
}
