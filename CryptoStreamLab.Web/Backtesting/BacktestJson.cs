using System.Text.Json.Serialization;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Web.Backtesting;

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

public sealed record SweepRow(int Rank, StrategyOptions Parameters, BacktestStatistics Statistics);

/// <summary>Source-generated serializers: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(BacktestReport))]
[JsonSerializable(typeof(SweepReport))]
internal sealed partial class BacktestJsonContext : JsonSerializerContext;
