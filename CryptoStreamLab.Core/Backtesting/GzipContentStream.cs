using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// The decompressed content of a gzip file, checked at its end against the file's trailer (the CRC-32 and the length,
/// modulo 2³², of the content). <see cref="GZipStream"/> alone ends quietly when the data stops early, so a file cut short
/// would read as a shorter one; here it is an <see cref="InvalidDataException"/> naming the file, as is damaged data.
/// The trailer is the last 8 bytes of the compressed input, kept as they stream by (no seeking). A file of several gzip
/// members (concatenated .gz files) ends with the last member's trailer, which does not match the whole content: it is
/// refused with a message saying so.
/// </summary>
internal sealed class GzipContentStream : ForwardOnlyReadStream
{
    private const int TrailerBytes = 8;

    private readonly TailKeepingStream _compressed;
    private readonly GZipStream _gzip;
    private readonly string _source;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _ended;

    /// <param name="compressed">The gzip bytes from their first; this stream owns it.</param>
    /// <param name="source">The file's name for messages.</param>
    public GzipContentStream(Stream compressed, string source)
    {
        _compressed = new TailKeepingStream(compressed);
        _gzip = new GZipStream(_compressed, CompressionMode.Decompress);
        _source = source;
    }

    public override int Read(Span<byte> buffer)
    {
        if (_ended || buffer.IsEmpty) return 0;
        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            // GZipStream's own words for a bad checksum ("unsupported compression method") mislead; say what is known.
            throw new InvalidDataException($"{_source}: the gzip data is damaged ({e.Message}).", e);
        }

        if (read > 0)
        {
            _crc.Append(buffer[..read]);
            _length += read;
            return read;
        }

        _ended = true;
        Verify();
        return 0;
    }

    private void Verify()
    {
        // Whatever GZipStream left unread (it may stop at a member's end) still counts as the file's end.
        _compressed.Drain();
        var tail = _compressed.Tail;
        if (_compressed.Total < 18 || tail.Length < TrailerBytes)
            throw new InvalidDataException($"{_source}: the gzip data ends after {_compressed.Total} bytes, before its trailer; the file is truncated.");

        var crc = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
        if (crc == _crc.GetCurrentHashAsUInt32() && length == (uint)_length) return;
        throw new InvalidDataException(
            $"{_source}: the gzip data does not end with its trailer (the CRC-32 and length of the {_length:N0} bytes decompressed do not " +
            "match the last 8 bytes): the file is truncated or damaged, or it joins several gzip members, which is not read " +
            "(decompress it and compress it again as one).");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>A read-only pass-through that remembers the last 8 bytes read and how many bytes came through.</summary>
    private sealed class TailKeepingStream(Stream inner) : ForwardOnlyReadStream
    {
        private readonly byte[] _tail = new byte[TrailerBytes];
        private int _kept;

        public long Total { get; private set; }

        public ReadOnlySpan<byte> Tail => _tail.AsSpan(TrailerBytes - _kept);

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Keep(buffer[..read]);
            return read;
        }

        public void Drain()
        {
            Span<byte> buffer = stackalloc byte[4096];
            while (Read(buffer) > 0)
            {
            }
        }

        private void Keep(ReadOnlySpan<byte> read)
        {
            Total += read.Length;
            if (read.Length >= TrailerBytes)
            {
                read[^TrailerBytes..].CopyTo(_tail);
                _kept = TrailerBytes;
                return;
            }

            // Shift the kept bytes left and append the few new ones.
            _tail.AsSpan(read.Length).CopyTo(_tail);
            read.CopyTo(_tail.AsSpan(TrailerBytes - read.Length));
            _kept = Math.Min(TrailerBytes, _kept + read.Length);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

    }
}
