using System.Text.Json;
using CryptoStreamLab.Core;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Web.Cli;

/// <summary>
/// <c>backtest --sweep GRID --walk-forward TRAIN:TEST[:STEP]</c>: the folds' table to <c>--output</c> (CSV, or with
/// <c>--format json</c> the whole report, which standard output then shows too), else the text summary on standard output.
/// </summary>
public static class WalkForwardCommand
{
    /// <exception cref="ArgumentException">No fold fits the candles of the range.</exception>
    internal static void Run(BacktestArguments arguments, EngineSettings settings, ParameterGrid grid, Candle[] candles, string? temporary, TextWriter stdout,
        ProgressLine progress)
    {
        var stream = new StreamKey(arguments.Symbol, arguments.Interval);
        var walkForward = arguments.WalkForward!;
        var range = arguments.Window;
        if (WalkForward.Plan(candles, stream.Interval, range, walkForward.Spec).Count == 0) throw new ArgumentException(NoFold(stream, arguments.Range ?? ArchiveRange.All, walkForward, candles));

        var result = WalkForward.Run(stream, settings, grid.Sets, candles, range, walkForward,
            onProgress: done => progress.Report(() => $"{BacktestCommand.Verb}: walk-forward, {done * 100:0} % of the runs done"));
        progress.Dispose();
        var inRange = CandleWindow.CountIn(candles, range);
        var json = arguments.Format == OutputFormat.Json
            ? JsonSerializer.Serialize(Report(result, grid, inRange), BacktestJsonContext.Default.WalkForwardReport)
            : null;
        using (var output = new StreamWriter(BacktestCommand.CreateOutput(temporary), bufferSize: 1 << 16))
        {
            if (json is not null) output.Write(json);
            else new WalkForwardCsvWriter(output).Write(result);
        }

        BacktestCommand.Keep(temporary, arguments);
        if (json is not null) stdout.WriteLine(json);
        else WalkForwardText.Write(result, grid, inRange, stdout);
    }

    public static WalkForwardReport Report(WalkForwardResult result, ParameterGrid grid, int candles) => new(
        result.Stream.Symbol,
        result.Stream.Interval.ToCode(),
        result.Settings.Spec.ToString(),
        result.Settings.Objective.ToName(),
        result.Settings.MinTrades,
        result.Sets,
        grid.Skipped,
        candles,
        result.Elapsed.TotalSeconds,
        result.Folds.Select(f => Fold(f, result.Parameters)).ToList(),
        result.OutOfSample,
        result.OutOfSampleDays,
        result.OutOfSampleReturnPerDayPct,
        result.InSampleReturnPerDayPct,
        result.Efficiency);

    private static WalkForwardFoldReport Fold(WalkForwardFold fold, IReadOnlyList<GridParameter> parameters) => new(
        fold.Windows.Number,
        TimeWindow.FormatTime(fold.Windows.Train.From),
        TimeWindow.FormatTime(fold.Windows.Train.To),
        TimeWindow.FormatTime(fold.Windows.Test.From),
        TimeWindow.FormatTime(fold.Windows.Test.To),
        fold.Windows.Partial,
        fold.EligibleSets,
        fold.Chosen is { } chosen ? ParameterJson.Of(chosen, parameters) : null,
        Finite.OrNull(fold.ObjectiveValue),
        fold.InSample,
        fold.OutOfSample,
        fold.InSampleReturnPerDayPct,
        fold.OutOfSampleReturnPerDayPct,
        fold.Efficiency);

    private static string NoFold(StreamKey stream, ArchiveRange range, WalkForwardSettings settings, Candle[] candles)
    {
        var first = CandleWindow.IndexAtOrAfter(candles, range.From);
        var last = CandleWindow.IndexAtOrAfter(candles, range.To) - 1;
        var end = Math.Min(range.To, stream.Interval.NextOpenTime(candles[last].OpenTime));
        var span = TimeSpan.FromMilliseconds(end - candles[first].OpenTime);
        var which = range.Window.IsAll ? "" : $" {range}";
        return $"--walk-forward {settings.Spec}: the {stream} candles{which} cover {WalkForwardSpec.Format(span)}, " +
               $"not more than the train window ({WalkForwardSpec.Format(settings.Spec.Train)}); no fold fits.";
    }
}
