using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using CryptoStreamLab.Node.Streams;

namespace CryptoStreamLab.Node.Wire;

/// <summary>
/// The one rule for authenticating the messages of the internal topics (state, commands, heartbeats): an HMAC-SHA256 with the
/// <see cref="ClusterKey"/> over the message key's and value's bytes, each preceded by its length (so bytes cannot be moved
/// from one to the other), carried in the <see cref="Header"/> header and checked in constant time. Reuses one hash state and
/// no per-message buffers; not thread-safe: one instance per thread, or behind a lock.
/// </summary>
public sealed class MessageSignature : IDisposable
{
    /// <summary>The header carrying the signature.</summary>
    public const string Header = "csl-sig";

    public const int Length = 32;

    private const int StackKeyBytes = 256;

    private readonly IncrementalHash _hmac;

    internal MessageSignature(byte[] key) => _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);

    /// <summary>Writes the signature of (<paramref name="key"/>, <paramref name="value"/>) into <paramref name="destination"/> (32 bytes).</summary>
    public void Compute(string? key, ReadOnlySpan<byte> value, Span<byte> destination)
    {
        Span<byte> length = stackalloc byte[sizeof(int)];
        var keyLength = key is null ? -1 : Encoding.UTF8.GetByteCount(key);
        byte[]? rented = null;
        Span<byte> keyBytes = keyLength <= StackKeyBytes ? stackalloc byte[StackKeyBytes] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(keyLength));
        try
        {
            if (key is not null) Encoding.UTF8.GetBytes(key, keyBytes);
            // -1 for a null key, so a null key and an empty one sign differently.
            BinaryPrimitives.WriteInt32BigEndian(length, keyLength);
            _hmac.AppendData(length);
            if (keyLength > 0) _hmac.AppendData(keyBytes[..keyLength]);
            BinaryPrimitives.WriteInt32BigEndian(length, value.Length);
            _hmac.AppendData(length);
            _hmac.AppendData(value);
            _hmac.GetHashAndReset(destination);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A new 32-byte signature, for messages rare enough to afford the array (commands).</summary>
    public byte[] Compute(string? key, ReadOnlySpan<byte> value)
    {
        var signature = new byte[Length];
        Compute(key, value, signature);
        return signature;
    }

    /// <returns>Null when <paramref name="headers"/> carry this cluster's signature of the key and value; otherwise why not.</returns>
    public string? Verify(string? key, ReadOnlySpan<byte> value, Headers? headers)
    {
        if (headers is null || !headers.TryGetLastBytes(Header, out var signature))
            return $"not signed: no {Header} header (only this cluster's nodes can write here)";
        Span<byte> expected = stackalloc byte[Length];
        Compute(key, value, expected);
        return signature.Length == Length && CryptographicOperations.FixedTimeEquals(expected, signature)
            ? null
            : $"bad signature: the {Header} header does not match the message under this cluster's key (forged, altered, or from another cluster)";
    }

    public void Dispose() => _hmac.Dispose();
}
