using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Web.Backtesting;

/// <summary>How the verb prints its results (and, for a sweep, writes its output file).</summary>
public enum OutputFormat
{
    Text,
    Json,
}

/// <summary>
/// The <c>backtest</c> verb's own options; every other <c>--Section:Key=value</c> (or <c>--Section:Key value</c>)
/// is a configuration override in .NET's command-line form.
/// </summary>
/// <param name="Input">The kline file to run on; null when the candles come from the archive.</param>
/// <param name="Sweep">A <see cref="Core.Backtesting.ParameterGrid"/> to run instead of one backtest; null for a single run.</param>
/// <param name="Archive">The archived candles to run on (<c>--archive</c>); null when they come from <paramref name="Input"/>.</param>
public sealed record BacktestArguments(
    string? Input,
    string Output,
    string Symbol,
    KlineInterval Interval,
    IReadOnlyList<string> ConfigurationOverrides,
    OutputFormat Format = OutputFormat.Text,
    string? Sweep = null,
    ArchiveQuery? Archive = null)
{
    public const string Usage =
        "usage: backtest (--input FILE | --archive --symbol SYMBOL --interval INTERVAL [--from TIME] [--to TIME]) --output FILE " +
        "[--symbol SYMBOL] [--interval INTERVAL] [--format text|json] [--sweep \"fast=10:30:5;slow=40:80:10;...\"] [--Section:Key=value ...]; " +
        "TIME is " + ArchiveRange.TimeFormats + ", --from inclusive, --to exclusive";

    private static readonly string[] ValueOptions = ["input", "output", "symbol", "interval", "format", "sweep", "from", "to"];
    private static readonly string[] Flags = ["archive"];

    /// <exception cref="ArgumentException">The arguments are not usable; the message says which and why.</exception>
    public static BacktestArguments Parse(IReadOnlyList<string> args)
    {
        var options = VerbOptions.Parse(args, ValueOptions, Flags, Usage);
        string? input = null;
        ArchiveQuery? archive = null;
        string symbol;
        KlineInterval interval;
        if (options.Has("archive"))
        {
            if (options.Has("input")) throw new ArgumentException($"--input and --archive are two sources of candles; give one. {Usage}");
            archive = ArchiveQuery.Parse(options, Usage);
            (symbol, interval) = (archive.Stream.Symbol, archive.Stream.Interval);
        }
        else
        {
            if (options.Has("from") || options.Has("to")) throw new ArgumentException($"--from and --to choose archived candles; they need --archive. {Usage}");
            input = options.Required("input", Usage);
            var (inferredSymbol, inferredInterval) = KlineCsvReader.InferStream(input);
            symbol = ArchiveQuery.ParseSymbol(options["symbol"] ?? inferredSymbol ?? "BTCUSDT");
            interval = options["interval"] is { } code ? ArchiveQuery.ParseInterval(code) : inferredInterval ?? KlineInterval.OneMinute;
        }

        var output = options.Required("output", Usage);
        var format = options["format"] switch
        {
            null => OutputFormat.Text,
            var f when f.Equals("text", StringComparison.OrdinalIgnoreCase) => OutputFormat.Text,
            var f when f.Equals("json", StringComparison.OrdinalIgnoreCase) => OutputFormat.Json,
            var f => throw new ArgumentException($"--format '{f}' is not a format; use text or json."),
        };

        return new BacktestArguments(input, output, symbol, interval, options.ConfigurationOverrides, format, options["sweep"], archive);
    }
}
