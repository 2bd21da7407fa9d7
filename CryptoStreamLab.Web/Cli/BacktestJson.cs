using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CryptoStreamLab.Core.Backtesting;

namespace CryptoStreamLab.Web.Cli;

/// <summary>What <c>backtest --format json</c> prints for a single run.</summary>
/// <param name="CandlesPerSecond">Null when the run was too short to time.</param>
public sealed record BacktestReport(
    string Symbol,
    string Interval,
    int Candles,
    double? CandlesPerSecond,
    decimal FinalCash,
    decimal FinalQuantity,
    BacktestStatistics Statistics);

/// <summary>A sweep: the JSON output file holds every set, standard output the best ones.</summary>
public sealed record SweepReport(
    string Symbol,
    string Interval,
    int Candles,
    int Sets,
    int Skipped,
    double Seconds,
    IReadOnlyList<SweepRow> Results);

/// <param name="Parameters">Every parameter of the set, by its name in camel case (see <see cref="ParameterJson.All"/>).</param>
public sealed record SweepRow(int Rank, JsonObject Parameters, BacktestStatistics Statistics);

/// <summary>
/// <c>backtest --walk-forward --format json</c>: every fold and the chained out-of-sample run. Times are ISO-8601 UTC;
/// returns per day are in percent.
/// </summary>
/// <param name="WalkForward">The window lengths as TRAIN:TEST:STEP, e.g. 7d:7d:7d.</param>
/// <param name="Candles">Candles opening in the range (warm-up candles before it not counted).</param>
/// <param name="OutOfSample">The statistics of the out-of-sample equity chained across the folds.</param>
/// <param name="Efficiency">Walk-forward efficiency: out-of-sample return per day over the folds' mean in-sample return per day; null when that mean is not above 0.</param>
public sealed record WalkForwardReport(
    string Symbol,
    string Interval,
    string WalkForward,
    string Objective,
    int MinTrades,
    int Sets,
    int Skipped,
    int Candles,
    double Seconds,
    IReadOnlyList<WalkForwardFoldReport> Folds,
    BacktestStatistics OutOfSample,
    double OutOfSampleDays,
    double OutOfSampleReturnPerDayPct,
    double? InSampleReturnPerDayPct,
    double? Efficiency);

/// <summary>
/// One fold; <see cref="Chosen"/> and <see cref="InSample"/> are null when no set was eligible (then nothing traded). The chosen
/// set's parameters are the result's <see cref="WalkForwardResult.Parameters"/> by their grid keys (the seed's: fast, slow,
/// rsiPeriod, buyRsiMin, buyRsiMax, sellRsiMin).
/// </summary>
/// <param name="TestTo">The test window's end; before the nominal end when the data stops first (<see cref="Partial"/>).</param>
/// <param name="ObjectiveValue">The chosen set's objective on the train window; null when there is none or it is infinite (a profit factor without a losing trip).</param>
public sealed record WalkForwardFoldReport(
    int Fold,
    string TrainFrom,
    string TrainTo,
    string TestFrom,
    string TestTo,
    bool Partial,
    int EligibleSets,
    JsonObject? Chosen,
    double? ObjectiveValue,
    BacktestStatistics? InSample,
    BacktestStatistics OutOfSample,
    double? InSampleReturnPerDayPct,
    double OutOfSampleReturnPerDayPct,
    double? Efficiency);

/// <summary>Source-generated serializers: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(BacktestReport))]
[JsonSerializable(typeof(SweepReport))]
[JsonSerializable(typeof(WalkForwardReport))]
internal sealed partial class BacktestJsonContext : JsonSerializerContext;
