using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Tests.Reliability;

namespace CryptoStreamLab.Tests.Core.Indicators;

/// <summary>The shipped LTCUSDT February 2026 month (40,320 one-minute candles) as price arrays, read once.</summary>
public sealed class LtcMonth
{
    public const string File = "LTCUSDT-1m-2026-02.csv.gz";

    private static readonly Lazy<LtcMonth> Shared = new(Read);

    private LtcMonth(IReadOnlyList<Candle> candles)
    {
        Candles = candles;
        High = candles.Select(c => (double)c.High).ToArray();
        Low = candles.Select(c => (double)c.Low).ToArray();
        Close = candles.Select(c => (double)c.Close).ToArray();
    }

    public static LtcMonth Data => Shared.Value;

    public static string PathOf => Path.Combine(RepositoryPaths.WebProject, "SampleData", File);

    public IReadOnlyList<Candle> Candles { get; }

    public double[] High { get; }

    public double[] Low { get; }

    public double[] Close { get; }

    public int Count => Close.Length;

    private static LtcMonth Read() => new(KlineCsvReader.ReadFile(PathOf, "LTCUSDT", KlineInterval.OneMinute).ToList());
}
