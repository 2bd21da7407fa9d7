using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Core.Trading;

/// <summary>A stream's account state at one moment, for persisting and restoring.</summary>
public readonly record struct AccountState(decimal Cash, decimal Quantity, decimal EntryPrice, decimal FeesPaid, int FillCount)
{
    /// <summary>Cash plus the position valued at <paramref name="price"/>.</summary>
    public decimal EquityAt(decimal price) => Cash + Quantity * price;
}

/// <summary>
/// The seed's all-in, all-out paper account: BUY with no position spends all cash, SELL with a position
/// sells it all, at the signal candle's close. Beyond the seed: quantities round down to a step, every
/// fill pays a fee in quote currency, and a BUY whose quantity rounds to zero does not fill — the seed's
/// <c>budget // price</c> would log a BUY of 0 BTC whenever BTC costs more than the budget.
/// </summary>
public sealed class PaperAccount
{
    private readonly decimal _feeRate;
    private readonly decimal _step;
    private readonly decimal? _stopLoss;
    private readonly decimal? _takeProfit;

    public PaperAccount(TradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        StartingBalance = options.StartingBalance;
        _feeRate = options.FeeRate;
        _step = options.QuantityStep;
        _stopLoss = options.StopLossPct;
        _takeProfit = options.TakeProfitPct;
        Cash = StartingBalance;
    }

    public decimal StartingBalance { get; }

    public decimal Cash { get; private set; }

    public decimal Quantity { get; private set; }

    /// <summary>Price of the fill that opened the current position; 0 when flat.</summary>
    public decimal EntryPrice { get; private set; }

    public decimal FeesPaid { get; private set; }

    public int FillCount { get; private set; }

    public bool HasPosition => Quantity > 0;

    public decimal EquityAt(decimal price) => Cash + Quantity * price;

    public AccountState State => new(Cash, Quantity, EntryPrice, FeesPaid, FillCount);

    public void Restore(AccountState state)
    {
        if (state.Cash < 0 || state.Quantity < 0 || state.FeesPaid < 0 || state.FillCount < 0)
            throw new ArgumentException($"Account state {state} has a negative value.", nameof(state));
        (Cash, Quantity, EntryPrice, FeesPaid, FillCount) = state;
    }

    /// <summary>Back to the starting balance with no position.</summary>
    public void Reset() => Restore(new AccountState(StartingBalance, 0, 0, 0, 0));

    /// <summary>
    /// Acts on a closed candle's signal at its close. A risk exit, when configured and hit, sells first.
    /// Returns the fill, or null when nothing traded.
    /// </summary>
    public Fill? Execute(Signal signal, long candleOpenTime, decimal close)
    {
        if (HasPosition)
        {
            var exit = RiskExit(close);
            if (exit is not null) return Sell(candleOpenTime, close, exit.Value);
            return signal == Signal.Sell ? Sell(candleOpenTime, close, FillReason.Signal) : null;
        }

        return signal == Signal.Buy ? Buy(candleOpenTime, close) : null;
    }

    private FillReason? RiskExit(decimal close)
    {
        if (_stopLoss is { } stop && close <= EntryPrice * (1 - stop)) return FillReason.StopLoss;
        if (_takeProfit is { } take && close >= EntryPrice * (1 + take)) return FillReason.TakeProfit;
        return null;
    }

    private Fill? Buy(long candleOpenTime, decimal price)
    {
        var quantity = decimal.Floor(Cash / (price * (1 + _feeRate)) / _step) * _step;
        var fee = quantity * price * _feeRate;
        // Decimal division rounds at its 28th digit; never let that spend a hair more than the cash.
        if (quantity * price + fee > Cash)
        {
            quantity -= _step;
            fee = quantity * price * _feeRate;
        }

        if (quantity <= 0) return null;

        Cash -= quantity * price + fee;
        Quantity = quantity;
        EntryPrice = price;
        FeesPaid += fee;
        FillCount++;
        return new Fill(candleOpenTime, TradeSide.Buy, price, quantity, fee, Cash, Quantity);
    }

    private Fill Sell(long candleOpenTime, decimal price, FillReason reason)
    {
        var quantity = Quantity;
        var fee = quantity * price * _feeRate;
        Cash += quantity * price - fee;
        Quantity = 0;
        EntryPrice = 0;
        FeesPaid += fee;
        FillCount++;
        return new Fill(candleOpenTime, TradeSide.Sell, price, quantity, fee, Cash, 0, reason);
    }
}
