namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>
/// Reads through to an inner stream until <c>maxBytes</c> have come through, then throws an <see cref="InvalidDataException"/>
/// with the given message; each read first looks at the token, so a synchronous parser over it stops when cancelled.
/// Disposing disposes the inner stream.
/// </summary>
internal sealed class LimitedReadStream(Stream inner, long maxBytes, Func<string> describeLimit, CancellationToken cancellationToken) : Stream
{
    private long _total;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var read = inner.Read(buffer);
        _total += read;
        if (_total > maxBytes) throw new InvalidDataException(describeLimit());
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
