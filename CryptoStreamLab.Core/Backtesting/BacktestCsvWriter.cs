using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>
/// Writes one row per closed candle as UTF-8, formatted straight into a buffer (no string per field): invariant
/// culture, decimals without trailing zeros, shortest round-trip doubles, an empty cell where an indicator is not ready
/// yet. The strategy's series are the columns between the candle and the signal (the seed's: <c>ma_fast,ma_slow,rsi</c>).
/// Dispose (or <see cref="Flush"/>) to write what is buffered; the stream stays open.
/// </summary>
public sealed class BacktestCsvWriter : IDisposable
{
    /// <summary>The seed strategy's header.</summary>
    public const string Header = "open_time,open,high,low,close,volume,ma_fast,ma_slow,rsi,signal,action,cash,quantity,equity";

    // Six candle cells, eight series and five account cells of at most ~32 bytes each fit many times over.
    private const int MaxRowBytes = 1024;

    private readonly Stream _output;
    private readonly string _header;
    private readonly int _seriesCount;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    /// <summary>A writer for the seed strategy's three series.</summary>
    public BacktestCsvWriter(Stream output) : this(output, null)
    {
    }

    /// <param name="series">The strategy's series names, in order; null for the seed's columns.</param>
    public BacktestCsvWriter(Stream output, IReadOnlyList<string>? series)
    {
        _output = output;
        _seriesCount = series?.Count ?? 3;
        if (_seriesCount > SeriesValues.Capacity) throw new ArgumentException($"At most {SeriesValues.Capacity} series are written.", nameof(series));
        _header = series is null
            ? Header
            : "open_time,open,high,low,close,volume," + string.Concat(series.Select(n => Quote(n) + ",")) + "signal,action,cash,quantity,equity";
    }

    public void WriteHeader()
    {
        Room();
        _used += Encoding.UTF8.GetBytes(_header, _buffer.AsSpan(_used));
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
        for (var i = 0; i < _seriesCount; i++) Cell(e.Series[i]);
        Cell(e.Signal.Token());
        Cell(e.Action.Token());
        Cell(e.Cash);
        Cell(e.Quantity);
        Cell(e.Equity);
        _buffer[_used++] = (byte)'\n';
    }

    public void Flush()
    {
        _output.Write(_buffer, 0, _used);
        _used = 0;
        _output.Flush();
    }

    public void Dispose() => Flush();

    /// <summary>The value without trailing zeros: 0 × 10.1280 has scale 4, and would print as 10000.0000.</summary>
    internal static decimal WithoutTrailingZeros(decimal value) => value / 1.0000000000000000000000000000m;

    private void Room()
    {
        if (_buffer.Length - _used >= MaxRowBytes) return;
        _output.Write(_buffer, 0, _used);
        _used = 0;
    }

    /// <summary>A header cell, quoted when it holds a comma or a quote (a rule's series such as <c>sma(close, 20)</c>).</summary>
    private static string Quote(string name) =>
        name.AsSpan().IndexOfAny(",\"\n") < 0 ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

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
