using CryptoStreamLab.Node.Lifecycle;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Archive;

/// <summary>What the archive's maintenance has done since the app started.</summary>
/// <param name="SkippedFiles">Files of the dataset the last pass could not read: left in place, to be looked at.</param>
/// <param name="LastError">The first thing the last pass could not do, or null when it did everything.</param>
public sealed record ArchiveMaintenanceStatus(
    int Passes, DateTimeOffset? LastPass, DateTimeOffset? NextPass, long DaysCompacted, long DaysDeleted, IReadOnlyList<string> SkippedFiles,
    string? LastError);

/// <summary>
/// Keeps the archive tidy on a node that writes it: applies <see cref="ArchiveOptions.RetentionDays"/>, then compacts each
/// complete day of each stream into one file (<see cref="ArchiveCompactor"/>). The first pass runs
/// <see cref="StartDelay"/> after start, then one every hour, timed so that one comes just after each UTC midnight once
/// the last flush of the day ended is written. A pass that fails is logged and the next one tries again.
/// </summary>
public sealed class ArchiveMaintenanceService : BackgroundService
{
    public static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    private static readonly TimeSpan MaxFlushWait = TimeSpan.FromMinutes(30);

    private readonly CandleArchive _archive;
    private readonly ArchiveOptions _options;
    private readonly ILogger<ArchiveMaintenanceService> _logger;
    private readonly TimeProvider _clock;
    private readonly ArchiveCompactor _compactor;
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly object _gate = new();
    private ArchiveMaintenanceStatus _status = new(0, null, null, 0, 0, [], null);

    public ArchiveMaintenanceService(CandleArchive archive, IOptions<ArchiveOptions> options, ILogger<ArchiveMaintenanceService> logger,
        TimeProvider? clock = null)
    {
        _archive = archive;
        _options = options.Value;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        _compactor = new ArchiveCompactor(logger, _clock);
    }

    public ArchiveMaintenanceStatus Status
    {
        get
        {
            lock (_gate) return _status;
        }
    }

    /// <summary>
    /// The first pass after <paramref name="now"/>: on the hour grid that starts a flush interval (at most
    /// <see cref="MaxFlushWait"/>) plus a minute after UTC midnight, so the day just ended is compacted with its last candles.
    /// </summary>
    public static DateTimeOffset NextPassAfter(DateTimeOffset now, TimeSpan flushInterval)
    {
        var afterMidnight = (flushInterval < MaxFlushWait ? flushInterval : MaxFlushWait) + TimeSpan.FromMinutes(1);
        var next = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + afterMidnight;
        while (next <= now) next += Period;
        return next;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_archive.Enabled) return;
        var next = _clock.GetUtcNow() + StartDelay;
        while (true)
        {
            lock (_gate) _status = _status with { NextPass = next };
            try
            {
                var wait = next - _clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _clock, stoppingToken).ConfigureAwait(false);
                await RunPassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            next = NextPassAfter(_clock.GetUtcNow(), _options.FlushInterval);
        }
    }

    /// <summary>One pass: retention, then compaction. Throws only when cancelled; anything else is logged and in <see cref="Status"/>.</summary>
    public async Task RunPassAsync(CancellationToken cancellation = default)
    {
        await _running.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            var retention = new RetentionPass(0, []);
            var compaction = new CompactionPass(0, _compactor.SkippedFiles, []);
            string? error;
            try
            {
                retention = ArchiveRetention.Apply(_archive.Root, _options.RetentionDays, ArchiveLayout.Today(_clock), _logger);
                compaction = await _compactor.CompactAsync(_archive.Root, cancellation).ConfigureAwait(false);
                error = retention.Errors.Concat(compaction.Errors).FirstOrDefault();
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested)
            {
                error = $"Archive maintenance failed in {_archive.Root}: {e.Message}";
                _logger.LogError(e, "Archive maintenance failed in {Root}; the next pass tries again.", _archive.Root);
            }
            lock (_gate)
            {
                _status = _status with
                {
                    Passes = _status.Passes + 1,
                    LastPass = _clock.GetUtcNow(),
                    DaysCompacted = _status.DaysCompacted + compaction.DaysCompacted,
                    DaysDeleted = _status.DaysDeleted + retention.DaysDeleted,
                    SkippedFiles = compaction.SkippedFiles,
                    LastError = error,
                };
            }
        }
        finally
        {
            _running.Release();
        }
    }
}

public static class ArchiveMaintenanceServiceCollectionExtensions
{
    /// <summary>The archive's retention and day compaction, as a singleton (for its status) that runs as a hosted service.</summary>
    public static IServiceCollection AddArchiveMaintenance(this IServiceCollection services)
    {
        services.AddSingleton<ArchiveMaintenanceService>();
        services.AddNodePart(NodeStage.Archive, sp => sp.GetRequiredService<ArchiveMaintenanceService>());
        return services;
    }
}
