using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Security;

/// <summary>The configured users, read afresh on every call, so an edited appsettings.json takes effect without a restart.</summary>
public sealed class UserDirectory(IOptionsMonitor<AuthOptions> options)
{
    /// <summary>The longest name or password a sign-in checks; anything longer fails without being hashed.</summary>
    public const int MaxInputLength = 1024;

    public AuthUser? Find(string? name) =>
        string.IsNullOrEmpty(name)
            ? null
            : options.CurrentValue.Users.Values.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The user whose name and password these are, or null. An unknown name costs the same hashing as a wrong password,
    /// so the answer's timing does not reveal which names exist.
    /// </summary>
    public AuthUser? Verify(string? name, string? password)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password) || name.Length > MaxInputLength || password.Length > MaxInputLength)
            return null;
        var user = Find(name);
        if (user?.PasswordHash is not { } hash) return SecretHasher.VerifyNothing(password) ? user : null;
        return SecretHasher.Verify(hash, password) ? user : null;
    }
}
