using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Node.Streams;

/// <summary>
/// One stream behind a lock: a <see cref="StrategyBook"/> per strategy that runs on it (each its own engine, paper account,
/// fill log and equity curve), fed the same candles, and a snapshot cached per version. Every closed candle goes to each
/// book's ledger before any reader can see it (and, once, to the archive), and every closed candle, fill and reset to the
/// state topic; open-candle changes are coalesced to at most one per strategy per <see cref="PreviewInterval"/> (the newest
/// waits and goes with <see cref="FlushPreviews"/>, or is superseded by the candle's close). A new stream starts from the
/// archive's newest candles, which only warm the indicators: history never trades.
/// </summary>
internal sealed class StreamState
{
    /// <summary>The trading log keeps more than the candle buffer so old fills stay visible.</summary>
    internal const int FillLogCapacity = 1_000;

    /// <summary>Open-candle changes of one strategy go to the state topic at most this often; closed candles always do.</summary>
    public static readonly TimeSpan PreviewInterval = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly StrategyBook[] _books;
    private readonly TimeProvider _clock;
    private readonly StatePublication? _publication;
    private readonly ICandleArchive? _archive;
    private long _lastArchived = long.MinValue;
    private long _version;
    private DateTimeOffset? _lastUpdate;
    private DateTimeOffset? _refusingSince;
    private long _refusedInRow;
    private StreamSnapshot? _cached;

    /// <param name="seeds">The stream's books as their previous owner published them (by strategy), when this node takes it over.</param>
    /// <param name="archive">Where each newly committed closed candle is archived; null archives nothing.</param>
    public StreamState(IReadOnlyList<StrategyBook> books, TimeProvider clock, StatePublication? publication = null,
        IReadOnlyList<Candle>? seedCandles = null, ICandleArchive? archive = null)
    {
        if (books.Count == 0) throw new ArgumentException("A stream runs at least one strategy.", nameof(books));
        _books = [.. books];
        _clock = clock;
        _publication = publication;
        _archive = archive;
        Key = _books[0].Engine.Key;
        var archived = archive?.Newest(Key, _books[0].Engine.Settings.BufferCapacity) ?? [];
        if (archived.Count > 0) _lastArchived = archived[^1].OpenTime;
        foreach (var book in _books) book.SkipTo(_lastArchived);
        WarmUp(archived);
        if (seedCandles is not null) WarmUp(seedCandles);
    }

    public StreamKey Key { get; }

    /// <summary>The strategies that run on the stream, in configuration order.</summary>
    public IEnumerable<string> Strategies => _books.Select(b => b.Strategy);

    /// <summary>The candle-topic partition this stream's candles came from, or -1 before the first.</summary>
    public int Partition { get; private set; } = -1;

    /// <summary>This node's engine has taken the stream over with <paramref name="partition"/>, before its first candle from there.</summary>
    public void Own(int partition)
    {
        lock (_gate) Partition = partition;
    }

    /// <summary>Where the newest applied candle sat in the candle topic.</summary>
    public CandleOrigin Origin { get; private set; } = CandleOrigin.None;

    /// <summary>Applies a candle to every strategy; the first strategy's update says what it did to the stream (they share its candles).</summary>
    public EngineUpdate Apply(in Candle candle, long eventTime, CandleOrigin origin)
    {
        lock (_gate)
        {
            if (origin.Partition >= 0)
            {
                Partition = origin.Partition;
                Origin = origin;
            }

            EngineUpdate first = default;
            var changed = false;
            for (var i = 0; i < _books.Length; i++)
            {
                var book = _books[i];
                var update = book.Engine.Apply(candle, eventTime);
                if (i == 0) first = update;
                if (!update.Changed) continue;
                changed = true;
                if (update.CommittedPrevious is { } previous) Record(book, previous);
                if (update.Outcome == UpsertOutcome.Committed) Record(book, update.Current!.Value);
                else if (update.Current is { } preview && preview.Candle.OpenTime > book.LastRecorded) PublishPreview(book, preview);
            }

            if (!changed)
            {
                NoteUnchanged(first.Outcome);
                return first;
            }

            _refusingSince = null;
            _refusedInRow = 0;
            _version++;
            _lastUpdate = _clock.GetUtcNow();
            return first;
        }
    }

    /// <summary>
    /// Since when every update of the stream has been refused (contradicting a committed candle, or behind one the stream
    /// moved past) and how many; null while updates apply or repeat what the stream holds.
    /// </summary>
    public (DateTimeOffset Since, long Count)? Refusing
    {
        get
        {
            lock (_gate) return _refusingSince is { } since ? (since, _refusedInRow) : null;
        }
    }

    private void NoteUnchanged(UpsertOutcome outcome)
    {
        if (outcome is UpsertOutcome.Rejected or UpsertOutcome.Stale)
        {
            _refusingSince ??= _clock.GetUtcNow();
            _refusedInRow++;
        }
        else
        {
            _refusingSince = null;
            _refusedInRow = 0;
        }
    }

    /// <summary>
    /// Back to the starting balance from the newest candle on, for <paramref name="strategy"/> (every strategy when null);
    /// each reset is recorded in the ledger and published. False when no strategy of that name runs on the stream.
    /// </summary>
    public bool ResetAccount(string? strategy = null)
    {
        lock (_gate)
        {
            var any = false;
            foreach (var book in _books)
            {
                if (strategy is not null && !string.Equals(book.Strategy, strategy, StringComparison.OrdinalIgnoreCase)) continue;
                var asOf = book.Engine.Buffer.Count > 0 ? book.Engine.Buffer.Newest.OpenTime : long.MinValue;
                book.Reset(asOf);
                Publish(book, null, asOf);
                any = true;
            }

            if (any) _version++;
            return any;
        }
    }

    /// <summary>The stream as its first strategy sees it, with every strategy's view in <see cref="StreamSnapshot.Strategies"/>.</summary>
    public StreamSnapshot Snapshot()
    {
        lock (_gate)
        {
            if (_cached is { } cached && cached.Version == _version) return cached;
            var engine = _books[0].Engine;
            var candles = engine.Buffer.ToArray();
            var views = new StreamSnapshot[_books.Length];
            for (var i = 0; i < views.Length; i++) views[i] = _books[i].Snapshot(_version, candles, engine.Buffer.RejectedCount, _lastUpdate);
            _cached = views[0] with { Strategies = views };
            return _cached;
        }
    }

    /// <summary>Archived or the last owner's candles rebuild the indicators; none of them trades or is published or archived again.</summary>
    private void WarmUp(IReadOnlyList<Candle> candles)
    {
        foreach (var book in _books)
        {
            var engine = book.Engine;
            foreach (var candle in candles)
            {
                var newer = engine.Buffer.Count == 0 || candle.OpenTime > engine.Buffer.Newest.OpenTime;
                if (candle.IsClosed && newer && candle.OpenTime <= book.LastRecorded) engine.Apply(candle);
            }
        }

        _version++;
    }

    // Candles at or before a book's last recorded one are replays (a restart rebuilding its buffer): already in the ledger,
    // but archived when the archive lacks them (the unflushed tail of a process that was killed).
    private void Record(StrategyBook book, in Evaluation evaluation)
    {
        var openTime = evaluation.Candle.OpenTime;
        if (openTime > _lastArchived && _archive is not null)
        {
            _lastArchived = openTime;
            _archive.Add(evaluation.Candle);
        }

        if (book.Record(evaluation)) Publish(book, evaluation, openTime);
    }

    /// <summary>Publishes each strategy's waiting open-candle change whose interval has passed.</summary>
    public void FlushPreviews()
    {
        if (_publication is null) return;
        lock (_gate)
        {
            foreach (var book in _books)
            {
                if (book.PendingPreview is { } preview && _clock.GetTimestamp() >= book.NextPreviewAt) PublishPreview(book, preview);
            }
        }
    }

    private void PublishPreview(StrategyBook book, in Evaluation preview)
    {
        if (_publication is null) return;
        var now = _clock.GetTimestamp();
        if (now < book.NextPreviewAt)
        {
            book.PendingPreview = preview;
            return;
        }
        book.NextPreviewAt = now + (long)(PreviewInterval.TotalSeconds * _clock.TimestampFrequency);
        Publish(book, preview, book.LastRecorded);
    }

    private void Publish(StrategyBook book, Evaluation? evaluation, long asOf)
    {
        if (_publication is null) return;
        book.PendingPreview = null; // whatever is published now is newer than a waiting open-candle change
        var account = book.Engine.Account;
        _publication.Sink.Publish(new StateUpdate(Key, _publication.Node, Origin, evaluation, account.State, account.StartingBalance,
            book.Engine.Buffer.RejectedCount, asOf, _clock.GetUtcNow().ToUnixTimeMilliseconds(), book.Strategy));
    }
}

/// <summary>A stream's book as its last owner published it, and the newest candle that owner had committed or reset at.</summary>
public sealed record StreamSeed(StreamSnapshot Snapshot, long AsOfOpenTime);

/// <summary>Where an owning engine publishes its streams' changes, and under which node id.</summary>
public sealed record StatePublication(IStateSink Sink, string Node);

/// <summary>Takes every change of the streams this node owns to the other nodes (the state topic).</summary>
public interface IStateSink
{
    void Publish(StateUpdate update);
}
