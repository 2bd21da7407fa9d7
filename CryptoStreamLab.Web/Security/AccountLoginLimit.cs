using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// Failed sign-ins per account name (<see cref="AuthOptions.FailedLoginsPerAccountPerMinute"/> a minute, from any
/// address): beside the per-address limit (<see cref="LoginRateLimit"/>) it stops an attacker who rotates addresses, and,
/// counting failures only, it never locks out a user who signs in correctly from behind a shared proxy address.
/// </summary>
public sealed class AccountLoginLimit(IOptions<AuthOptions> options) : IDisposable
{
    private readonly FailureCounter _failures = new(options.Value.FailedLoginsPerAccountPerMinute);

    public bool IsOverLimit(string? name) => _failures.IsOverLimit(Key(name));

    public void RecordFailure(string? name) => _failures.Record(Key(name));

    public void Dispose() => _failures.Dispose();

    private static string Key(string? name) => (name ?? "").Trim().ToUpperInvariant() is var key && key.Length > 128 ? key[..128] : key;
}
