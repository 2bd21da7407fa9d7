using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Node.Ledger;

/// <summary>
/// A paper account's past, read by time: what it held after a given candle and the trades up to it. The rewind of a stream
/// (<see cref="Streams.StreamRewind"/>) reads it; this node's ledger answers it now (<see cref="SqliteAccountHistory"/>), and a
/// store that holds every node's accounts can take its place without the rewind changing. Accounts are named by their ledger
/// id (<see cref="Strategies.StrategyLineup.LedgerId"/>). A store that cannot be read throws <see cref="AccountHistoryException"/>.
/// </summary>
public interface IAccountHistory
{
    /// <summary>
    /// The account after the newest closed candle opening at or before <paramref name="time"/> (epoch ms) that it recorded, or
    /// null when it recorded none by then.
    /// </summary>
    EquityPoint? AsOf(string ledgerId, long time);

    /// <summary>The newest <paramref name="count"/> fills on candles opening at or before <paramref name="time"/>, oldest first.</summary>
    IReadOnlyList<Fill> FillsUpTo(string ledgerId, long time, int count);
}

/// <summary>The account history could not be read (a missing table, a damaged or locked file, a value that does not parse).</summary>
public sealed class AccountHistoryException(string message, Exception? inner = null) : Exception(message, inner);
