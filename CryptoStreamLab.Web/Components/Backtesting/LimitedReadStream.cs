using CryptoStreamLab.Core.Backtesting;
namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>
/// Reads through to an inner stream until <c>maxBytes</c> have come through, then throws an <see cref="InvalidDataException"/>
/// with the given message; each read first looks at the token, so a synchronous parser over it stops when cancelled.
/// Disposing disposes the inner stream.
/// </summary>
internal sealed class LimitedReadStream(Stream inner, long maxBytes, Func<string> describeLimit, CancellationToken cancellationToken) : ForwardOnlyReadStream
{
    private long _total;

    public override int Read(Span<byte> buffer)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var read = inner.Read(buffer);
        _total += read;
        if (_total > maxBytes) throw new InvalidDataException(describeLimit());
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
