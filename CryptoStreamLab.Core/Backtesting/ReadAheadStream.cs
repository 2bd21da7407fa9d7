using System.Buffers;
using System.Threading.Channels;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Reads an inner stream ahead on another thread, a few chunks at most, so decompressing a gzip file and parsing it run
/// side by side on two cores. An error of the inner stream (a damaged gzip file) is thrown by <see cref="Read(byte[], int, int)"/>
/// as it was. Disposing stops the reading and disposes the inner stream.
/// </summary>
internal sealed class ReadAheadStream : Stream
{
    private const int ChunkSize = 1 << 16;
    private const int ChunksAhead = 8;

    private readonly Stream _inner;
    private readonly Channel<(byte[] Buffer, int Length)> _chunks =
        Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private byte[]? _current;
    private int _offset;
    private int _length;

    public ReadAheadStream(Stream inner)
    {
        _inner = inner;
        _reading = Task.Run(ReadAllAsync);
    }

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
        while (_current is null || _offset == _length)
        {
            Return();
            // Blocking here is the point: the caller is a synchronous parser waiting for the next chunk.
            if (!_chunks.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult()) return 0;
            if (_chunks.Reader.TryRead(out var chunk)) (_current, _offset, _length) = (chunk.Buffer, 0, chunk.Length);
        }
        var n = Math.Min(buffer.Length, _length - _offset);
        _current.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            try
            {
                _reading.GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Its error was the reader's to see; disposing only stops it.
            }
            Return();
            while (_chunks.Reader.TryRead(out var chunk)) ArrayPool<byte>.Shared.Return(chunk.Buffer);
            _inner.Dispose();
            _stop.Dispose();
        }
        base.Dispose(disposing);
    }

    private void Return()
    {
        if (_current is null) return;
        ArrayPool<byte>.Shared.Return(_current);
        _current = null;
    }

    private async Task ReadAllAsync()
    {
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                var length = await _inner.ReadAsync(buffer.AsMemory(0, ChunkSize), _stop.Token).ConfigureAwait(false);
                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }
                await _chunks.Writer.WriteAsync((buffer, length), _stop.Token).ConfigureAwait(false);
            }
            _chunks.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _chunks.Writer.TryComplete(e);
        }
    }
}
