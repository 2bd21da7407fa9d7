using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using CryptoStreamLab.Core;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Node.Strategies;

namespace CryptoStreamLab.Web.Cli;

/// <summary>
/// <c>backtest --input FILE [--output FILE]</c>: the live engine, headless, over a kline file (or, with <c>--archive</c>,
/// over archived candles), then its statistics; with <c>--sweep</c>, a grid of parameter sets in parallel, ranked; with
/// <c>--walk-forward</c> as well, a walk-forward over that grid (<see cref="WalkForwardCommand"/>). <c>--from</c>/<c>--to</c>
/// give the trading range; the <see cref="WarmUp"/> candles before it only warm the indicators (from the archive, those are
/// read too). Exit code 0 on success, 1 for bad input data, 2 for bad arguments, configuration or grid, an archived stream the
/// archive does not have, a range without candles or data too short for a walk-forward fold. Archive files skipped as damaged
/// are warnings on standard error.
/// </summary>
public static class BacktestCommand
{
    public const string Verb = "backtest";

    /// <summary>A single run's progress line counts candles in steps of this many.</summary>
    private const int ProgressEvery = 4096;

    /// <summary>How many of a sweep's best sets are printed.</summary>
    public const int BestShown = 5;

    /// <summary>The verb with the current folder as the caller's (see <see cref="VerbContext"/>).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) => Run(args, VerbContext.Here(stdout, stderr));

    public static int Run(IReadOnlyList<string> args, VerbContext context)
    {
        var (stdout, stderr) = (context.Out, context.Error);
        BacktestArguments arguments;
        EngineSettings settings;
        ParameterGrid? grid;
        List<Candle>? archived = null;
        try
        {
            arguments = BacktestArguments.Parse(args, context.CallerDirectory);
            var configuration = CommandConfiguration.Build(arguments.ConfigurationOverrides);
            settings = LoadSettings(configuration, arguments.Strategy);
            grid = arguments.Sweep is { } sweep ? ParseGrid(sweep, settings) : null;
            var warmUp = grid is null ? WarmUp.CandlesFor(settings.Setup) : WarmUp.CandlesFor(grid.Sets);
            if (arguments.Archive is { } query) archived = query.Read(CommandConfiguration.ArchiveRoot(configuration), Verb, stderr, warmUp);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"backtest: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"backtest: the archive could not be read: {e.Message}");
            return 1;
        }

        // Written beside the output and renamed when complete (Keep); null without --output, when nothing is written.
        var temporary = arguments.Output is { } path ? OutputFile.Partial(path) : null;
        try
        {
            // Cleared before anything else is written: at the end of this block, before an error's message.
            using var progress = context.Progress();
            var candles = archived ?? KlineCsvReader.ReadFile(arguments.Input!, arguments.Symbol, arguments.Interval, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            if (grid is null) RunSingle(arguments, settings, candles, temporary, stdout, progress);
            else
            {
                // Parsed once; every worker reads the same array.
                var array = candles.ToArray();
                if (CandleWindow.CountIn(array, arguments.Window) == 0) throw new ArgumentException(NoCandles(arguments));
                if (arguments.WalkForward is null) RunSweep(arguments, settings, grid, array, temporary, stdout, progress);
                else WalkForwardCommand.Run(arguments, settings, grid, array, temporary, stdout, progress);
            }

            return 0;
        }
        catch (ArgumentException e)
        {
            if (temporary is not null) FileCleanup.TryDeleteFile(temporary);
            stderr.WriteLine($"backtest: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is CsvFormatException or FileNotFoundException or DirectoryNotFoundException or IOException
                                      or InvalidDataException or UnauthorizedAccessException)
        {
            if (temporary is not null) FileCleanup.TryDeleteFile(temporary);
            stderr.WriteLine($"backtest: {e.Message}");
            return 1;
        }
    }

    public static string FormatSummary(BacktestSummary s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Stream}: {s.Candles} candles, {s.Fills.Count} fills, final equity {s.FinalEquity:0.########} " +
        $"(start {s.StartingBalance:0.##}, fees {s.FeesPaid:0.########}), {s.CandlesPerSecond:0} candles/s");

    private static ParameterGrid ParseGrid(string sweep, EngineSettings settings)
    {
        try
        {
            return ParameterGrid.Parse(sweep, settings);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--sweep: {e.Message}", e);
        }
    }

    // A file's candles: the range (archived ones were checked on reading).
    private static string NoCandles(BacktestArguments arguments) => $"{arguments.Input} has no {arguments.Symbol} {arguments.Interval.ToCode()} candles {arguments.Range ?? ArchiveRange.All}.";

    private static void RunSingle(BacktestArguments arguments, EngineSettings settings, IEnumerable<Candle> candles, string? temporary, TextWriter stdout,
        ProgressLine progress)
    {
        BacktestSummary summary;
        var window = arguments.Window;
        var written = 0;
        using (var output = CreateOutput(temporary))
        using (var writer = new BacktestCsvWriter(output, settings.Setup.SeedOptions is null ? settings.Setup.Series.Select(s => s.Name).ToList() : null))
        {
            writer.WriteHeader();
            summary = Backtester.Run(new StreamKey(arguments.Symbol, arguments.Interval), settings, candles, window, e =>
            {
                writer.Write(e);
                if (++written % ProgressEvery == 0) progress.Report($"{Verb}: {written:N0} candles");
            });
        }

        progress.Dispose();

        if (summary.Candles == 0 && !window.IsAll) throw new ArgumentException(NoCandles(arguments));

        // Only a complete run replaces the output file: a failure half-way never leaves a truncated result behind.
        Keep(temporary, arguments);
        if (arguments.Format == OutputFormat.Json)
        {
            var report = new BacktestReport(arguments.Symbol, arguments.Interval.ToCode(), summary.Candles,
                Finite.OrNull(summary.CandlesPerSecond), summary.FinalCash, summary.FinalQuantity,
                summary.Statistics);
            stdout.WriteLine(JsonSerializer.Serialize(report, BacktestJsonContext.Default.BacktestReport));
            return;
        }

        stdout.WriteLine(FormatSummary(summary));
        stdout.WriteLine(StatisticsRows.ToText(summary.Statistics));
    }

    private static void RunSweep(BacktestArguments arguments, EngineSettings settings, ParameterGrid grid, Candle[] candles, string? temporary,
        TextWriter stdout, ProgressLine progress)
    {
        var stream = new StreamKey(arguments.Symbol, arguments.Interval);
        var window = arguments.Window;
        var inRange = CandleWindow.CountIn(candles, window);
        var clock = Stopwatch.StartNew();
        var results = ParameterSweep.Run(stream, settings, grid.Sets, candles, window,
            onSetDone: done => progress.Report(() => $"{Verb}: sweep, {done:N0} of {grid.Sets.Count:N0} parameter sets done"));
        clock.Stop();
        progress.Dispose();

        SweepReport Report(IEnumerable<SweepResult> rows) => new(arguments.Symbol, arguments.Interval.ToCode(), inRange,
            grid.Sets.Count, grid.Skipped, clock.Elapsed.TotalSeconds,
            rows.Select((r, i) => new SweepRow(i + 1, ParameterJson.All(r.Setup), r.Statistics)).ToList());

        using (var output = new StreamWriter(CreateOutput(temporary), bufferSize: 1 << 16))
        {
            if (arguments.Format == OutputFormat.Json) output.Write(JsonSerializer.Serialize(Report(results), BacktestJsonContext.Default.SweepReport));
            else new SweepCsvWriter(output).Write(results, grid.Definition);
        }

        Keep(temporary, arguments);
        if (arguments.Format == OutputFormat.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(Report(results.Take(BestShown)), BacktestJsonContext.Default.SweepReport));
            return;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stream}: {grid.Sets.Count} parameter sets × {inRange} candles in {seconds:0.00} s " +
            $"({(double)grid.Sets.Count * inRange / Math.Max(seconds, 1e-9):0} candles/s) on {Environment.ProcessorCount} cores"));
        if (grid.Skipped > 0) stdout.WriteLine($"skipped {grid.Skipped} invalid combinations, e.g. {grid.FirstSkipReason}");
        stdout.WriteLine($"best {Math.Min(BestShown, results.Length)} by net profit:");
        var shown = GridParameters.Shown(grid.Definition, grid.Sets);
        for (var i = 0; i < Math.Min(BestShown, results.Length); i++) stdout.WriteLine($"  #{i + 1} {Describe(results[i], shown)}");
    }

    private static string Describe(SweepResult r, IReadOnlyList<GridParameter> shown)
    {
        var s = r.Statistics;
        return string.Create(CultureInfo.InvariantCulture,
            $"{GridParameters.Describe(r.Setup, shown)}: " +
            $"net {StatisticsRows.Money(s.NetProfit)} ({StatisticsRows.Percent(s.NetProfitPct)}), {s.RoundTrips} round trips, " +
            $"max drawdown {StatisticsRows.Percent(s.MaxDrawdownPct)}, Sharpe {(s.Sharpe is { } sh ? sh.ToString("0.00", CultureInfo.InvariantCulture) : "n/a")}");
    }

    /// <summary>
    /// The strategy (<paramref name="strategy"/>: a configured strategy's name or a strategy type with its defaults; null: the
    /// first configured) and paper-account settings of <see cref="CommandConfiguration.Build"/>'s configuration.
    /// </summary>
    private static EngineSettings LoadSettings(IConfiguration configuration, string? strategy)
    {
        var problems = new List<string>();
        var catalog = CommandConfiguration.StrategyCatalog(configuration, problems);
        var lineup = StrategyLineupBinder.Bind(configuration, catalog, streams: null, problems);
        var trading = Bind<TradingOptions>(configuration, TradingOptions.SectionName, problems);
        var setup = strategy is null
            ? lineup.Entries[0].Setup
            : lineup.Find(strategy)?.Setup ?? (catalog.Find(strategy) is { } definition ? new StrategySetup(definition) : null);
        if (setup is null)
        {
            if (problems.Count > 0) throw Invalid(problems);
            throw new ArgumentException($"--strategy '{strategy}' is neither a configured strategy ({string.Join(", ", lineup.Entries.Select(e => e.Name))}) nor a strategy type ({catalog.Names}).");
        }

        var settings = EngineSettings.For(setup, trading);
        problems.AddRange(settings.Validate());
        if (problems.Count > 0) throw Invalid(problems);
        return settings;
    }

    private static ArgumentException Invalid(List<string> problems) =>
        new("the configuration is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)));

    private static T Bind<T>(IConfiguration configuration, string section, List<string> problems) where T : class, new()
    {
        var options = new T();
        SectionBinder.Bind(configuration.GetSection(section), options, problems);
        return options;
    }

    /// <summary>The completed output takes its name; without <c>--output</c> there is nothing to keep.</summary>
    internal static void Keep(string? temporary, BacktestArguments arguments)
    {
        if (temporary is not null) File.Move(temporary, arguments.Output!, overwrite: true);
    }

    /// <summary>The output's unfinished file; nowhere (<see cref="Stream.Null"/>) without <c>--output</c>.</summary>
    internal static Stream CreateOutput(string? path)
    {
        if (path is null) return Stream.Null;
        Stream stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return OutputFile.IsGzip(path) ? new GZipStream(stream, CompressionLevel.Fastest) : stream;
    }
}
