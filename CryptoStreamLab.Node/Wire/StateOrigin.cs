using System.Security.Cryptography;
using Confluent.Kafka;

namespace CryptoStreamLab.Node.Wire;

/// <summary>
/// Which running app wrote a state message: random per app start, carried in the <see cref="Header"/> header of every stream
/// change. A node applies its own changes to its view as it makes them, so its state reader skips them unread (no
/// signature check, no parsing) instead of reading back everything it wrote. Anything else is read and checked as before:
/// a message that merely claims this origin is only ignored.
/// </summary>
public sealed class StateOrigin
{
    public const string Header = "csl-origin";

    private readonly byte[] _id = RandomNumberGenerator.GetBytes(16);

    /// <summary>The header value this app writes (do not modify).</summary>
    internal byte[] Id => _id;

    /// <summary>True when <paramref name="headers"/> say this app wrote the message.</summary>
    public bool IsOwn(Headers? headers) =>
        headers is not null && headers.TryGetLastBytes(Header, out var origin) && origin.AsSpan().SequenceEqual(_id);
}
