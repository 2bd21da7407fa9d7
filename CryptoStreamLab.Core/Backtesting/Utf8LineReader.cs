using System.Runtime.CompilerServices;
namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Lines of a UTF-8 stream as byte spans into one reused buffer (valid until the next call): no string, no copy per
/// line. Ends of line are <c>\n</c> or <c>\r\n</c>; a byte-order mark at the start is skipped.
/// </summary>
internal sealed class Utf8LineReader(Stream stream, int bufferSize, int maxLineBytes)
{
    private byte[] _buffer = new byte[bufferSize];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;
    private bool _skipping;

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>False at the end of the stream. <paramref name="tooLong"/>: the line passed the limit (its text is not returned).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        tooLong = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0 || (_eof && _end > _start))
            {
                var length = newline >= 0 ? newline : _end - _start;
                line = _buffer.AsSpan(_start, length);
                _start += newline >= 0 ? length + 1 : length;
                if (_first)
                {
                    _first = false;
                    if (line.StartsWith("\uFEFF"u8)) line = line[3..];
                }
                if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
                LineNumber++;
                tooLong = _skipping;
                _skipping = false;
                return true;
            }
            if (_eof)
            {
                line = default;
                return false;
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= maxLineBytes)
            {
                // The rest of an overlong line is dropped as it streams by; the caller hears of it at its end.
                _skipping = true;
                _end = 0;
            }
            else
            {
                Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, maxLineBytes));
            }
        }
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
    }
}
