using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Writes one row per closed candle as UTF-8, formatted straight into a buffer (no string per field): invariant
/// culture, decimals without trailing zeros, shortest round-trip doubles, an empty cell where an indicator is not ready
/// yet. Dispose (or <see cref="Flush"/>) to write what is buffered; the stream stays open.
/// </summary>
public sealed class BacktestCsvWriter(Stream output) : IDisposable
{
    public const string Header = "open_time,open,high,low,close,volume,ma_fast,ma_slow,rsi,signal,action,cash,quantity,equity";

    // Fourteen cells of at most ~32 bytes each fit many times over.
    private const int MaxRowBytes = 1024;

    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    public void WriteHeader()
    {
        Room();
        _used += Encoding.UTF8.GetBytes(Header, _buffer.AsSpan(_used));
        _buffer[_used++] = (byte)'\n';
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(in Evaluation e)
    {
        Room();
        var c = e.Candle;
        Format(c.OpenTime);
        Cell(c.Open);
        Cell(c.High);
        Cell(c.Low);
        Cell(c.Close);
        Cell(c.Volume);
        Cell(e.FastMa);
        Cell(e.SlowMa);
        Cell(e.Rsi);
        Cell(e.Signal.Token());
        Cell(e.Action.Token());
        Cell(e.Cash);
        Cell(e.Quantity);
        Cell(e.Equity);
        _buffer[_used++] = (byte)'\n';
    }

    public void Flush()
    {
        output.Write(_buffer, 0, _used);
        _used = 0;
        output.Flush();
    }

    public void Dispose() => Flush();

    /// <summary>The value without trailing zeros: 0 × 10.1280 has scale 4, and would print as 10000.0000.</summary>
    internal static decimal WithoutTrailingZeros(decimal value) => value / 1.0000000000000000000000000000m;

    private void Room()
    {
        if (_buffer.Length - _used >= MaxRowBytes) return;
        output.Write(_buffer, 0, _used);
        _used = 0;
    }

    private void Format(long value)
    {
        value.TryFormat(_buffer.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
        _used += written;
    }

    private void Cell(string text)
    {
        _buffer[_used++] = (byte)',';
        _used += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_used));
    }

    // A decimal prints every digit of its scale; the zeros after the point (and a bare point) are dropped, which is what
    // printing the normalised value gives.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Cell(decimal value)
    {
        _buffer[_used++] = (byte)',';
        var cell = _buffer.AsSpan(_used);
        value.TryFormat(cell, out var written, default, CultureInfo.InvariantCulture);
        if (cell[..written].Contains((byte)'.'))
        {
            while (cell[written - 1] == (byte)'0') written--;
            if (cell[written - 1] == (byte)'.') written--;
        }
        if (written == 2 && cell[0] == (byte)'-' && cell[1] == (byte)'0')
        {
            // A negative zero prints as 0, as the normalised value does.
            cell[0] = (byte)'0';
            written = 1;
        }
        _used += written;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Cell(double value)
    {
        _buffer[_used++] = (byte)',';
        // .NET's default double format is the shortest text that parses back to the same value.
        if (double.IsNaN(value)) return;
        value.TryFormat(_buffer.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
        _used += written;
    }
}
