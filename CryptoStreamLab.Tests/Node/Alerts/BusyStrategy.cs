using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Node.Ledger;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;

namespace CryptoStreamLab.Tests.Node.Alerts;

/// <summary>
/// The seed's strategy trades the LTCUSDT sample once in 3,000 candles; with short averages and no RSI bounds it buys and
/// sells at every crossover, so alert tests see dozens of fills from the same real candles.
/// </summary>
public static class BusyStrategy
{
    public static StrategyOptions Options => new() { FastPeriod = 5, SlowPeriod = 20, BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 0 };

    /// <summary>Buys at the first up-crossover and never sells: every later BUY signal finds the account already holding.</summary>
    public static StrategyOptions BuyAndHold => new() { FastPeriod = 5, SlowPeriod = 20, BuyRsiMin = 0, BuyRsiMax = 100, SellRsiMin = 100 };

    /// <summary>The same settings for the whole app's configuration.</summary>
    public static Dictionary<string, string?> Settings => new()
    {
        ["Strategy:FastPeriod"] = "5",
        ["Strategy:SlowPeriod"] = "20",
        ["Strategy:BuyRsiMin"] = "0",
        ["Strategy:BuyRsiMax"] = "100",
        ["Strategy:SellRsiMin"] = "0",
    };

    public static StreamDirectory Market(LedgerRecorder? ledger = null, StrategyOptions? strategy = null) =>
        new([CsvCandleFeeder.Stream], new EngineSettings(strategy ?? Options, new TradingOptions(), 1_000), ledger);
}
