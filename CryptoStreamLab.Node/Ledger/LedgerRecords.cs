using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Node.Ledger;

/// <summary>The account's value after one closed candle.</summary>
public readonly record struct EquityPoint(long OpenTime, decimal Close, decimal Cash, decimal Quantity, decimal Equity);

/// <summary>What a stream's ledger holds: the account as of a candle, its fills and its equity curve.</summary>
public sealed record StreamLedger(AccountState Account, long AsOfOpenTime, IReadOnlyList<Fill> Fills, IReadOnlyList<EquityPoint> EquityCurve);

/// <summary>One closed candle's worth of ledger writes for a stream.</summary>
public readonly record struct LedgerEntry(string Stream, EquityPoint Point, Fill? Fill, AccountState Account);
