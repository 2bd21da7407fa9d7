using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Tests.Support;

/// <summary>An options monitor whose value a test sets, standing for an edited appsettings.json.</summary>
public sealed class SettableOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; set; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
