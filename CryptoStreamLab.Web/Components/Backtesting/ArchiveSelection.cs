using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;

namespace CryptoStreamLab.Web.Components.Backtesting;

/// <summary>
/// The backtest page's "Archived history" source: a stream of the candle archive, a range (From inclusive, To exclusive,
/// either left empty for an open end), and the candles loaded for it. Kept by the page, so switching sources keeps them.
/// Changing the stream or range drops loaded candles, so a run never uses candles of another range than the one shown.
/// The range is the trading range: up to <see cref="WarmUp"/> candles before From are loaded too, and only warm the indicators.
/// </summary>
public sealed class ArchiveSelection
{
    private StreamKey? _stream;
    private string? _from;
    private string? _to;
    private ArchiveRange? _range = ArchiveRange.All;

    public StreamKey? Stream
    {
        get => _stream;
        set => Edit(ref _stream, value);
    }

    public string? From
    {
        get => _from;
        set => Edit(ref _from, value);
    }

    public string? To
    {
        get => _to;
        set => Edit(ref _to, value);
    }

    /// <summary>Why the range cannot be used (a time that does not parse, From not before To), or null.</summary>
    public string? RangeError { get; private set; }

    /// <summary>The candles loaded for the stream and range shown; null until loaded, empty when the range has none.</summary>
    public Candle[]? Candles { get; private set; }

    /// <summary>The archived candles just before From loaded with <see cref="Candles"/> to warm the indicators (none without a From).</summary>
    public Candle[] WarmUpCandles { get; private set; } = [];

    /// <summary>How many candles before From to load: at least <see cref="DefaultWarmUp"/>, more when the parameters need more.</summary>
    public int WarmUp { get; set; } = DefaultWarmUp;

    /// <summary>Enough for slow averages and simple RSI periods up to 1,000 candles (Wilder's RSI up to 50).</summary>
    public const int DefaultWarmUp = 1_000;

    /// <summary>The trading window of the loaded candles.</summary>
    public Core.Backtesting.TimeWindow? Window => _range?.Window;

    /// <summary>Why the last load failed, or null.</summary>
    public string? LoadError { get; private set; }

    /// <summary>The archive files of this stream that the reader skipped as damaged or foreign.</summary>
    public IReadOnlyList<ArchiveProblem> Problems { get; private set; } = [];

    /// <summary>What was loaded, e.g. "from 2026-02-01T00:00:00Z to 2026-02-02T00:00:00Z".</summary>
    public string RangeText => _range?.ToString() ?? "";

    public bool CanLoad => Stream is not null && RangeError is null;

    /// <summary>Reads the stream's candles in the range on a worker thread.</summary>
    public async Task LoadAsync(CandleArchiveReader reader, CancellationToken cancellation)
    {
        if (Stream is not { } key || _range is not { } range) return;
        (Candles, WarmUpCandles, LoadError, Problems) = (null, [], null, []);
        var warmUp = Math.Max(WarmUp, DefaultWarmUp);
        try
        {
            var candles = await Task.Run(() => reader.ReadAsync(key, range.From, range.To, cancellation), cancellation);
            List<Candle> before = candles.Count == 0 || range.From == long.MinValue
                ? []
                : await Task.Run(() => reader.ReadNewestAsync(key, warmUp, range.From, cancellation), cancellation);
            // Only this stream's files: the reader is the app's, and remembers every file it ever skipped.
            var folder = ArchiveLayout.StreamFolder(reader.Root, key) + Path.DirectorySeparatorChar;
            if (Stream != key || _range != range) return; // Edited meanwhile: these candles are not the ones shown.
            (Candles, WarmUpCandles) = (candles.ToArray(), before.ToArray());
            Problems = reader.Problems.Where(p => p.File.StartsWith(folder, StringComparison.Ordinal)).OrderBy(p => p.File, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LoadError = $"The archive of {key} could not be read: {e.Message}";
        }
    }

    private void Edit<T>(ref T field, T value)
    {
        if (EqualityComparer<T>.Default.Equals(field, value)) return;
        field = value;
        (Candles, WarmUpCandles, LoadError, Problems) = (null, [], null, []);
        try
        {
            (_range, RangeError) = (ArchiveRange.Parse(From, To, "From", "To"), null);
        }
        catch (ArgumentException e)
        {
            (_range, RangeError) = (null, e.Message);
        }
    }
}
