using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// An immutable copy of one stream's state for the UI and the status endpoint, taken between two updates
/// so it is always consistent. <see cref="Version"/> grows with every change.
/// </summary>
public sealed record StreamSnapshot(
    StreamKey Key,
    long Version,
    IReadOnlyList<Candle> Candles,
    IReadOnlyList<Evaluation> Evaluations,
    Evaluation? Latest,
    IReadOnlyList<Fill> Fills,
    IReadOnlyList<Ledger.EquityPoint> EquityCurve,
    AccountState Account,
    decimal StartingBalance,
    long RejectedUpdates,
    DateTimeOffset? LastUpdate,
    string? Strategy = null,
    IReadOnlyList<SeriesSpec>? Series = null)
{
    public bool IsEmpty => Candles.Count == 0;

    /// <summary>
    /// Every strategy's view of the stream (the same candles, each its own series, account, fills and curve), the first being
    /// this one's; empty on a view taken from that list.
    /// </summary>
    public IReadOnlyList<StreamSnapshot> Strategies { get; init; } = [];

    /// <summary>The views to choose from: <see cref="Strategies"/>, or this one alone.</summary>
    public IReadOnlyList<StreamSnapshot> Views => Strategies.Count > 0 ? Strategies : [this];

    /// <summary>The stream as <paramref name="strategy"/> sees it (case-insensitive); this view when null; null when it does not run here.</summary>
    public StreamSnapshot? For(string? strategy) =>
        strategy is null ? this : Views.FirstOrDefault(v => string.Equals(v.Strategy, strategy, StringComparison.OrdinalIgnoreCase));

    /// <summary>The strategy's series, in the order of <see cref="Evaluation.Series"/>.</summary>
    public IReadOnlyList<SeriesSpec> SeriesSpecs => Series ?? [];

    /// <summary>A stream nothing is known of yet: no candle, and an account at its starting balance.</summary>
    public static StreamSnapshot Empty(StreamKey key, decimal startingBalance) =>
        new(key, 0, [], [], null, [], [], new AccountState(startingBalance, 0, 0, 0, 0), startingBalance, 0, null);

    public decimal? LastClose => Latest?.Candle.Close;

    /// <summary>
    /// The account as it is now, valued at the newest close: right after a reset too, before any candle has been evaluated
    /// with the new account (the newest evaluation's equity is the old account's).
    /// </summary>
    public decimal Equity => LastClose is { } close ? Account.EquityAt(close) : Account.Cash;

    public decimal PnlPercent => StartingBalance == 0 ? 0 : (Equity - StartingBalance) / StartingBalance * 100m;

    /// <summary>Last close against the first open held in the buffer, in percent; null without candles.</summary>
    public decimal? ChangePercent => Candles.Count == 0 || Candles[0].Open == 0
        ? null
        : (Candles[^1].Close - Candles[0].Open) / Candles[0].Open * 100m;

    /// <summary>The last committed signal, which is what the account acted on.</summary>
    public Signal? LastSignal => Evaluations.Count == 0 ? null : Evaluations[^1].Signal;
}
