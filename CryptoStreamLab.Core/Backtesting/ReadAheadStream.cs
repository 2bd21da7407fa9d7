using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Reads an inner stream ahead on a thread of its own (not the thread pool's, which a blocked reader could starve), a few
/// chunks at most, so decompressing a gzip file and parsing it run side by side on two cores. An error of the inner stream (a damaged gzip file) is thrown by <see cref="Read(byte[], int, int)"/>
/// as it was. Disposing stops the reading and disposes the inner stream.
/// </summary>
internal sealed class ReadAheadStream : ForwardOnlyReadStream
{
    private const int ChunkSize = 1 << 16;
    private const int ChunksAhead = 8;

    private readonly Stream _inner;
    private readonly BlockingCollection<(byte[] Buffer, int Length)> _chunks = new(ChunksAhead);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reading;
    private Exception? _error;
    private byte[]? _current;
    private int _offset;
    private int _length;

    public ReadAheadStream(Stream inner)
    {
        _inner = inner;
        _reading = new Thread(ReadAll) { IsBackground = true, Name = "read-ahead" };
        _reading.Start();
    }

    public override int Read(Span<byte> buffer)
    {
        while (_current is null || _offset == _length)
        {
            Return();
            // Blocking here is the point: the caller is a synchronous parser waiting for the next chunk.
            if (!_chunks.TryTake(out var chunk, Timeout.Infinite))
            {
                if (_error is not null) ExceptionDispatchInfo.Throw(_error);
                return 0;
            }
            (_current, _offset, _length) = (chunk.Buffer, 0, chunk.Length);
        }
        var n = Math.Min(buffer.Length, _length - _offset);
        _current.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            _reading.Join();
            Return();
            while (_chunks.TryTake(out var chunk)) ArrayPool<byte>.Shared.Return(chunk.Buffer);
            _chunks.Dispose();
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

    private void ReadAll()
    {
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                var length = _inner.Read(buffer, 0, ChunkSize);
                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }
                _chunks.Add((buffer, length), _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed before the end: nobody reads on.
        }
        catch (Exception e)
        {
            // Seen by the reader once the chunks before it are read.
            _error = e;
        }
        finally
        {
            _chunks.CompleteAdding();
        }
    }
}
