using System.Security.Cryptography;
using CryptoStreamLab.Node.Cluster;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Wire;

/// <summary>
/// The key the nodes of one cluster sign their internal messages with: Cluster:SharedKey when configured, otherwise (only
/// allowed with the embedded broker, which start-up validation enforces) 32 random bytes generated at start, which never
/// leave the process. The bytes are never logged, shown in the status or written anywhere.
/// </summary>
public sealed class ClusterKey
{
    private readonly byte[] _key;

    public ClusterKey(IOptions<ClusterOptions> options)
        : this(ClusterOptions.TryDecode(options.Value.SharedKey ?? "") is { Length: >= ClusterOptions.MinKeyBytes } configured
            ? configured
            : null)
    {
    }

    private ClusterKey(byte[]? configured)
    {
        Generated = configured is null;
        _key = configured ?? RandomNumberGenerator.GetBytes(ClusterOptions.MinKeyBytes);
    }

    /// <summary>A key made for tests and tools from raw bytes.</summary>
    public static ClusterKey FromBytes(byte[] key) => new(key.Length >= ClusterOptions.MinKeyBytes
        ? key.ToArray()
        : throw new ArgumentException($"A cluster key has at least {ClusterOptions.MinKeyBytes} bytes.", nameof(key)));

    /// <summary>Whether the key was generated at start (nothing outside this process can know it).</summary>
    public bool Generated { get; }

    /// <summary>A signer and verifier for one thread (or one lock) at a time.</summary>
    public MessageSignature NewSignature() => new(_key);
}
