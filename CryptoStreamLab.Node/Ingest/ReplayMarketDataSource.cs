using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Ingest;

/// <summary>
/// Plays kline files through the publisher at a multiple of real time: the offline demo. Every file plays in
/// parallel from the same start. Its first Backfill of candles go out at once as closed candles, as the live
/// source's REST backfill does, so the dashboard opens with full charts; then each candle follows at its time,
/// optionally preceded by open-candle updates that converge to it. With Loop, each lap is shifted forward by
/// the file's span so every stream's time keeps moving on. Candles the archive already holds are skipped: a restarted
/// replay goes on where it stopped.
/// </summary>
public sealed class ReplayMarketDataSource(
    IKlineFileReader reader,
    IKlinePublisher publisher,
    MarketDataStatus status,
    IOptionsMonitor<MarketDataOptions> options,
    IHostEnvironment environment,
    TimeProvider timeProvider,
    IArchiveHorizon archive,
    ILogger<ReplayMarketDataSource> logger) : IMarketDataSource
{
    /// <summary>At Speed 0, give other work a turn this often instead of monopolising a thread.</summary>
    private const int YieldEvery = 256;

    /// <summary>Longest single wait for the present (timers cap far below a clock years behind); the loop waits again.</summary>
    private const long MaxWaitMs = 3_600_000;

    public MarketDataSourceKind Kind => MarketDataSourceKind.Replay;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue.Replay;
        status.SetSource("Replay");
        var files = new List<ReplayFile>();
        foreach (var configured in o.EffectiveFiles)
        {
            // The validator has refused names without symbol and interval, so parsing succeeds here.
            if (ReplayFile.TryParseName(configured, out var symbol, out var interval) && Resolve(configured) is { } path)
                files.Add(new ReplayFile(path, symbol, interval));
        }
        if (files.Count == 0)
        {
            status.SetState("stopped: no replay file found");
            return;
        }

        status.SetConnected(true);
        status.SetState($"replaying {files.Count} file(s) at {(o.Speed == 0 ? "full speed" : $"{o.Speed}× real time")}");
        try
        {
            await Task.WhenAll(files.Select(f => PlayAsync(f, o, cancellationToken)));
            status.SetState("finished");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status.SetState("stopped");
        }
        finally
        {
            status.SetConnected(false);
        }
    }

    /// <summary>Absolute paths as given; relative ones against the content root, then the application directory.</summary>
    private string? Resolve(string configured)
    {
        // Checked at start too (ConfiguredPathChecks); a file can still go away before the source runs.
        var found = ReplayFile.Resolve(configured, environment.ContentRootPath);
        if (found is null)
        {
            var message = $"replay file '{configured}' not found (looked in {string.Join(", ", ReplayFile.Candidates(configured, environment.ContentRootPath))})";
            status.RecordError(message);
            logger.LogError("Market data: {Message}", message);
        }
        return found;
    }

    private async Task PlayAsync(ReplayFile file, ReplaySourceOptions o, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        long origin = -1, shift = 0, sinceYield = 0, backfillEnd = long.MinValue;
        var reachedPresent = false;
        var archived = archive.NewestArchived(new StreamKey(file.Symbol, file.Interval)) ?? long.MinValue;
        try
        {
            for (var lap = 0; ; lap++)
            {
                long firstOfLap = -1, lastOfLap = -1;
                await foreach (var raw in reader.ReadAsync(file.Path, file.Symbol, file.Interval, cancellationToken))
                {
                    // The reader guarantees rising open times within a file; the shift keeps them rising across laps.
                    var candle = Shift(raw, shift);
                    if (firstOfLap < 0) firstOfLap = raw.OpenTime;
                    lastOfLap = raw.OpenTime;
                    if (lap == 0 && backfillEnd == long.MinValue) backfillEnd = raw.OpenTime + (long)o.Backfill.TotalMilliseconds;
                    if (candle.OpenTime <= archived)
                    {
                        if (++sinceYield % YieldEvery == 0) await Task.Yield();
                        continue;
                    }

                    reachedPresent |= await WaitForPresentAsync(file, candle, logReached: !reachedPresent, cancellationToken);
                    if (candle.OpenTime < backfillEnd)
                    {
                        if (++sinceYield % YieldEvery == 0) await Task.Yield();
                        await PublishAsync(candle, cancellationToken);
                        continue;
                    }

                    if (origin < 0) origin = candle.OpenTime;
                    var span = candle.CloseTime + 1 - candle.OpenTime;
                    for (var k = 1; k <= o.UpdatesPerCandle; k++)
                    {
                        if (o.Speed > 0)
                        {
                            var due = TimeSpan.FromMilliseconds((candle.OpenTime - origin + span * k / (double)o.UpdatesPerCandle) / o.Speed);
                            var wait = due - timeProvider.GetElapsedTime(started);
                            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, timeProvider, cancellationToken);
                        }
                        else if (++sinceYield % YieldEvery == 0)
                        {
                            await Task.Yield();
                        }
                        await PublishAsync(k == o.UpdatesPerCandle ? candle : ReplayUpdates.Partial(candle, k, o.UpdatesPerCandle), cancellationToken);
                    }
                }

                if (firstOfLap < 0)
                {
                    status.RecordError($"replay file '{file.Path}' holds no candles");
                    return;
                }
                if (!o.Loop) return;
                shift += file.Interval.NextOpenTime(lastOfLap) - firstOfLap;
            }
        }
        catch (Exception ex) when (ex is CsvFormatException or InvalidDataException)
        {
            // A bad row, or gzip data cut short or damaged, stops this file only; the others keep playing.
            status.RecordMalformed(ex.Message);
            logger.LogError("Market data replay stopped for {File}: {Message}", file.Path, ex.Message);
        }
        catch (IOException ex)
        {
            status.RecordError($"replay file '{file.Path}': {ex.Message}");
            logger.LogError(ex, "Market data replay stopped for {File}", file.Path);
        }
    }

    /// <summary>
    /// A looping lap moves time forward by the file's span and can overtake the present; a candle from the future would
    /// be refused downstream (<see cref="CandleRules"/>), so from there the replay waits for the clock and plays on in real time.
    /// </summary>
    /// <returns>True when the candle had to wait.</returns>
    private async Task<bool> WaitForPresentAsync(ReplayFile file, Candle candle, bool logReached, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        if (CandleRules.Future(candle, now) is null) return false;
        if (logReached) logger.LogInformation("Market data replay of {File} has reached the present; it plays on in real time.", file.Path);
        while (CandleRules.Future(candle, now) is not null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(candle.OpenTime - candle.Interval.NextOpenTime(now), 1, MaxWaitMs)), timeProvider, cancellationToken);
            now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        }
        return true;
    }

    private async Task PublishAsync(Candle update, CancellationToken cancellationToken)
    {
        await publisher.PublishAsync(update, timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        status.RecordMessage();
        status.RecordPublished();
    }

    private static Candle Shift(Candle candle, long shift) =>
        shift == 0 ? candle : candle with { OpenTime = candle.OpenTime + shift, CloseTime = candle.CloseTime + shift };
}

/// <summary>Open-candle updates synthesised from a finished candle, as the live feed would have sent them.</summary>
public static class ReplayUpdates
{
    /// <summary>
    /// The candle as it might have looked <paramref name="k"/>/<paramref name="n"/> of the way through: the close
    /// moves from the open towards the final close, the high and low widen towards the final ones, and volume,
    /// quote volume and trades grow in proportion. Each update stays within the final candle's range and is
    /// valid on its own; the n-th equals the final candle except for the closed flag.
    /// </summary>
    public static Candle Partial(in Candle final, int k, int n)
    {
        var f = (decimal)k / n;
        var scale = Math.Max(Math.Max(final.Open.Scale, final.Close.Scale), Math.Max(final.High.Scale, final.Low.Scale));
        var close = Math.Round(final.Open + (final.Close - final.Open) * f, scale);
        var high = Math.Max(Math.Max(final.Open, close), Math.Round(final.Open + (final.High - final.Open) * f, scale));
        var low = Math.Min(Math.Min(final.Open, close), Math.Round(final.Open + (final.Low - final.Open) * f, scale));
        return final with
        {
            High = high,
            Low = low,
            Close = close,
            Volume = Math.Round(final.Volume * f, final.Volume.Scale),
            QuoteVolume = Math.Round(final.QuoteVolume * f, final.QuoteVolume.Scale),
            TradeCount = final.TradeCount * k / n,
            IsClosed = false,
        };
    }
}
