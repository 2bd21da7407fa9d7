using System.Globalization;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Web.Cli;

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
/// <param name="Input">The kline file to run on (a full path); null when the candles come from the archive.</param>
/// <param name="Output">Where the rows (a sweep's ranking, a walk-forward's folds) go (a full path); null: nowhere, the results are on standard output.</param>
/// <param name="Sweep">A <see cref="Core.Backtesting.ParameterGrid"/> to run instead of one backtest; null for a single run.</param>
/// <param name="Archive">The archived candles to run on (<c>--archive</c>); null when they come from <paramref name="Input"/>.</param>
/// <param name="Range">The trading range (<c>--from</c>, <c>--to</c>); earlier candles only warm the indicators.</param>
/// <param name="WalkForward">Walk-forward over the <paramref name="Sweep"/> grid instead of one sweep; null otherwise.</param>
/// <param name="Strategy">The strategy to run: a configured one's name or a strategy type with its defaults; null: the first configured.</param>
public sealed record BacktestArguments(
    string? Input,
    string? Output,
    string Symbol,
    KlineInterval Interval,
    IReadOnlyList<string> ConfigurationOverrides,
    OutputFormat Format = OutputFormat.Text,
    string? Sweep = null,
    ArchiveQuery? Archive = null,
    ArchiveRange? Range = null,
    WalkForwardSettings? WalkForward = null,
    string? Strategy = null)
{
    public const string Usage =
        "usage: backtest (--input FILE | --archive --symbol SYMBOL --interval INTERVAL) [--from TIME] [--to TIME] [--output FILE] " +
        "[--strategy NAME] [--symbol SYMBOL] [--interval INTERVAL] [--format text|json] [--sweep \"fast=10:30:5;slow=40:80:10;...\" " +
        "[--walk-forward TRAIN:TEST[:STEP] [--objective net-profit|sharpe|sortino|calmar|profit-factor] [--min-trades N]]] [--Section:Key=value ...]; " +
        "TIME is " + TimeWindowParser.TimeFormats + ", --from inclusive, --to exclusive; durations such as 14d:7d or 3d:1d:12h";

    /// <summary>The verb's summary, options and notes: what <c>backtest --help</c> prints and what the parser accepts.</summary>
    public static readonly VerbHelp Help = new(
        BacktestCommand.Verb,
        "Run the strategy over a kline file or archived candles: one backtest, a parameter sweep, or a walk-forward.",
        Usage,
        [
            new("input", "FILE", "kline file: data.binance.vision klines or OHLCV with a header; .csv, .csv.gz, or .zip holding one CSV"),
            new("archive", null, "use the archived candles of --symbol and --interval instead of a file"),
            new("strategy", "NAME", "the strategy to run: a name from the Strategies section, or a strategy type (CrossoverRsi, Rules, a class in the strategies folder, …) with its defaults; default: the first configured"),
            new("output", "FILE", "write the per-candle rows (a sweep's ranking, a walk-forward's folds) there; .gz compresses; replaced only when the run completes"),
            new("symbol", "SYMBOL", "the stream's symbol; default: from the file name (LTCUSDT-1m-…), else BTCUSDT"),
            new("interval", "INTERVAL", "the candles' interval (1m, 5m, 1h, …); default: from the file name, else 1m"),
            new("from", "TIME", "trade from this time on (inclusive); the candles before it only warm the indicators"),
            new("to", "TIME", "trade up to this time (exclusive)"),
            new("format", "text|json", "what standard output shows (json: one document, nothing else); a sweep's --output takes it too"),
            new("sweep", "GRID", "run every parameter set of a grid of the strategy's parameters in parallel, ranked by net profit, e.g. \"fast=10:30:5;slow=40:80:10\" or, with --strategy DonchianBreakout, \"entryPeriod=10:30:10;exitPeriod=5,10\""),
            new("walk-forward", "TRAIN:TEST[:STEP]", "with --sweep: choose a set on each train window, trade it on the test window after it (e.g. 14d:7d)"),
            new("objective", "NAME", "what a walk-forward chooses by: net-profit (default), sharpe, sortino, calmar, profit-factor"),
            new("min-trades", "N", "round trips a set needs to be chosen in a walk-forward (default 1)"),
        ],
        [
            "TIME is " + TimeWindowParser.TimeFormats + "; durations such as 14d:7d or 3d:1d:12h.",
            VerbHelp.RelativePaths,
            "Exit code: 0 success, 1 the input cannot be used (named with its line), 2 bad arguments, configuration or range.",
            "Progress goes to standard error, and only when it is a terminal. More: docs/backtesting.md.",
        ],
        TakesConfiguration: true);

    /// <summary>The trading range as the backtester takes it: everything when no range was given.</summary>
    public TimeWindow Window => (Range ?? ArchiveRange.All).Window;

    /// <exception cref="ArgumentException">The arguments are not usable; the message says which and why.</exception>
    public static BacktestArguments Parse(IReadOnlyList<string> args) => Parse(args, Directory.GetCurrentDirectory());

    /// <param name="callerDirectory">Relative <c>--input</c> and <c>--output</c> paths are taken from this folder; the record holds full paths.</param>
    /// <exception cref="ArgumentException">The arguments are not usable; the message says which and why.</exception>
    public static BacktestArguments Parse(IReadOnlyList<string> args, string callerDirectory)
    {
        var options = VerbOptions.Parse(args, Help);
        string? input = null;
        ArchiveQuery? archive = null;
        string symbol;
        KlineInterval interval;
        ArchiveRange range;
        if (options.Has("archive"))
        {
            if (options.Has("input")) throw new ArgumentException($"--input and --archive are two sources of candles; give one. {Usage}");
            archive = ArchiveQuery.Parse(options, Usage);
            (symbol, interval, range) = (archive.Stream.Symbol, archive.Stream.Interval, archive.Range);
        }
        else
        {
            input = Path.GetFullPath(options.Required("input", Usage), callerDirectory);
            var (inferredSymbol, inferredInterval) = KlineCsvReader.InferStream(input);
            symbol = ArchiveQuery.ParseSymbol(options["symbol"] ?? inferredSymbol ?? "BTCUSDT");
            interval = options["interval"] is { } code ? ArchiveQuery.ParseInterval(code) : inferredInterval ?? KlineInterval.OneMinute;
            range = ArchiveRange.Parse(options["from"], options["to"]);
        }

        string? output = null;
        if (options.Has("output"))
        {
            output = Path.GetFullPath(options.Required("output", Usage), callerDirectory);
            OutputFile.Check(output);
        }

        var format = options["format"] switch
        {
            null => OutputFormat.Text,
            var f when f.Equals("text", StringComparison.OrdinalIgnoreCase) => OutputFormat.Text,
            var f when f.Equals("json", StringComparison.OrdinalIgnoreCase) => OutputFormat.Json,
            var f => throw new ArgumentException($"--format '{f}' is not a format; use text or json."),
        };

        return new BacktestArguments(input, output, symbol, interval, CommandConfiguration.Rebase(options.ConfigurationOverrides, callerDirectory), format, options["sweep"], archive, range,
            ParseWalkForward(options, interval), options["strategy"]);
    }

    private static WalkForwardSettings? ParseWalkForward(VerbOptions options, KlineInterval interval)
    {
        if (options["walk-forward"] is not { } text)
        {
            if (options.Has("objective") || options.Has("min-trades"))
                throw new ArgumentException($"--objective and --min-trades choose a walk-forward's parameter set; they need --walk-forward. {Usage}");
            return null;
        }

        if (!options.Has("sweep"))
            throw new ArgumentException($"--walk-forward needs --sweep GRID: each train window chooses a set from that grid. {Usage}");

        WalkForwardSpec spec;
        try
        {
            spec = WalkForwardSpec.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--walk-forward: {e.Message}", e);
        }

        var objective = WalkForwardObjective.NetProfit;
        try
        {
            if (options["objective"] is { } name) objective = WalkForwardObjectives.Parse(name);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--objective: {e.Message}", e);
        }

        var minTrades = 1;
        if (options["min-trades"] is { } count &&
            (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out minTrades) || minTrades < 0))
        {
            throw new ArgumentException($"--min-trades '{count}' must be a whole number of round trips, 0 or more.");
        }

        var settings = new WalkForwardSettings(spec, objective, minTrades);
        if (settings.Validate(interval).FirstOrDefault() is { } problem) throw new ArgumentException($"--walk-forward: {problem}");
        return settings;
    }
}
