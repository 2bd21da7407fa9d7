using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;

namespace CryptoStreamLab.Web.Cli;

/// <summary>One stream's archived candles in a time range: what <c>export</c> and <c>backtest --archive</c> read.</summary>
public sealed record ArchiveQuery(StreamKey Stream, ArchiveRange Range)
{
    /// <summary><c>--symbol</c> and <c>--interval</c> (both required), <c>--from</c> and <c>--to</c> (optional).</summary>
    /// <exception cref="ArgumentException">An option is missing or not valid, or the range is empty.</exception>
    public static ArchiveQuery Parse(VerbOptions options, string usage)
    {
        var symbol = ParseSymbol(options.Required("symbol", usage));
        var interval = ParseInterval(options.Required("interval", usage));
        return new ArchiveQuery(new StreamKey(symbol, interval), ArchiveRange.Parse(options["from"], options["to"]));
    }

    /// <exception cref="ArgumentException">Not a Binance symbol.</exception>
    public static string ParseSymbol(string symbol) =>
        SymbolRules.IsValid(symbol) ? symbol : throw new ArgumentException($"--symbol '{symbol}': {SymbolRules.Description}");

    /// <exception cref="ArgumentException">Not a Binance interval code.</exception>
    public static KlineInterval ParseInterval(string code) =>
        KlineIntervals.TryParse(code, out var interval)
            ? interval
            : throw new ArgumentException($"--interval '{code}' is not a Binance interval; use one of {string.Join(", ", KlineIntervals.Codes)}.");

    /// <summary>
    /// The candles, oldest first: the range's, after up to <paramref name="warmUp"/> archived candles opening before it (to
    /// warm a backtest's indicators; none when the range has no start). Files the reader skips are in its
    /// <see cref="CandleArchiveReader.Problems"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The archive has no folder for the stream, or no candles of it in the range.</exception>
    public async Task<List<Candle>> ReadAsync(CandleArchiveReader reader, int warmUp = 0, CancellationToken cancellation = default)
    {
        var streams = reader.Streams();
        if (!streams.Contains(Stream))
        {
            var has = streams.Count == 0 ? "it holds no streams" : "it has " + string.Join(", ", streams);
            throw new ArgumentException($"the archive at {reader.Root} has no {Stream} stream; {has}.");
        }
        var candles = await reader.ReadAsync(Stream, Range.From, Range.To, cancellation).ConfigureAwait(false);
        if (candles.Count == 0) throw new ArgumentException($"the archive has no {Stream} candles {Range}.");
        if (warmUp == 0 || Range.From == long.MinValue) return candles;
        var before = await reader.ReadNewestAsync(Stream, warmUp, Range.From, cancellation).ConfigureAwait(false);
        before.AddRange(candles);
        return before;
    }

    /// <summary>Reads the candles for a verb, writing each file the reader skipped to <paramref name="stderr"/> as a warning.</summary>
    /// <exception cref="ArgumentException">See <see cref="ReadAsync"/>.</exception>
    public List<Candle> Read(string root, string verb, TextWriter stderr, int warmUp = 0)
    {
        var reader = new CandleArchiveReader(root, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        try
        {
            return ReadAsync(reader, warmUp).GetAwaiter().GetResult();
        }
        finally
        {
            foreach (var problem in reader.Problems.OrderBy(p => p.File, StringComparer.Ordinal))
                stderr.WriteLine($"{verb}: warning: skipped {problem.File}: {problem.Reason}");
        }
    }
}
