using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static CryptoStreamLab.Tests.Node.Archive.ArchiveFolder;

namespace CryptoStreamLab.Tests.Node.Archive;

public sealed class ArchiveMaintenanceServiceTests : IDisposable
{
    private static readonly StreamKey Eth = new("ETHUSDT", KlineInterval.OneMinute);
    private readonly ArchiveFolder _archive = new();

    public void Dispose() => _archive.Dispose();

    [Fact]
    public async Task Retention_deletes_only_the_days_older_than_the_days_kept_and_zero_keeps_every_day()
    {
        // LTCUSDT from 2026-02-01 to 2026-02-05, ETHUSDT on 2026-02-01 and 2026-02-02 only; today is 2026-02-05.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 5, 8, 0, 0, TimeSpan.Zero));
        var ltc = Enumerable.Range(0, 5).SelectMany(d => Sample.Take(3).Select(c => Shift(c, d))).ToList();
        await _archive.WriteAsync(ltc);
        await _archive.WriteAsync(ltc.Take(6).Select(c => c with { Symbol = Eth.Symbol }));
        string[] allDays = ["date=2026-02-01", "date=2026-02-02", "date=2026-02-03", "date=2026-02-04", "date=2026-02-05"];

        var keepAll = Service(retentionDays: 0, clock);
        await keepAll.RunPassAsync();
        keepAll.Status.Should().Match<ArchiveMaintenanceStatus>(s => s.Passes == 1 && s.DaysDeleted == 0 && s.LastError == null);
        DayFolders(ArchiveFolder.Ltc).Should().Equal(allDays);
        DayFolders(Eth).Should().Equal(allDays.Take(2));

        var keepTwo = Service(retentionDays: 2, clock);
        await keepTwo.RunPassAsync();

        keepTwo.Status.Should().Match<ArchiveMaintenanceStatus>(s => s.DaysDeleted == 4 && s.LastError == null);
        DayFolders(ArchiveFolder.Ltc).Should().Equal("date=2026-02-03", "date=2026-02-04", "date=2026-02-05");
        Directory.Exists(Path.Combine(_archive.Root, "symbol=ETHUSDT")).Should().BeFalse("a stream with no day left goes whole");
        (await ParquetCandleFile.ReadStreamAsync(_archive.Root, ArchiveFolder.Ltc)).Should().Equal(ltc.Skip(6).Select(AsArchived));
    }

    [Fact]
    public async Task A_pass_that_fails_midway_is_reported_and_a_later_pass_finishes_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 3, 12, 0, 0, TimeSpan.Zero));
        await _archive.WriteAsync(SampleDay(1).Take(720));
        await _archive.WriteAsync(SampleDay(1).Skip(720));
        // A folder where the compacted file should go: the last rename fails after the sources are deleted.
        Directory.CreateDirectory(_archive.Compacted("2026-02-01"));
        var service = Service(retentionDays: 0, clock);

        await service.RunPassAsync();

        service.Status.LastError.Should().Contain(_archive.Day("2026-02-01"));
        _archive.Files("2026-02-01").Should().Equal(".day-2026-02-01.parquet.ready");

        Directory.Delete(_archive.Compacted("2026-02-01"));
        await service.RunPassAsync();

        service.Status.Should().Match<ArchiveMaintenanceStatus>(s => s.Passes == 2 && s.LastError == null && s.DaysCompacted == 1);
        _archive.Files("2026-02-01").Should().Equal("day-2026-02-01.parquet");
        (await _archive.ReadAsync(_archive.Compacted("2026-02-01"))).Should().Equal(SampleDay(1).Select(AsArchived));
    }

    [Fact]
    public async Task The_service_reports_files_it_cannot_read()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 3, 12, 0, 0, TimeSpan.Zero));
        await _archive.WriteAsync(SampleDay(1));
        var corrupt = Path.Combine(_archive.Day("2026-02-01"), "x.parquet");
        File.WriteAllText(corrupt, "not parquet");
        var service = Service(retentionDays: 0, clock);

        await service.RunPassAsync();

        service.Status.SkippedFiles.Should().Equal(corrupt);
        File.Exists(corrupt).Should().BeTrue();
    }

    [Fact]
    public async Task The_service_compacts_shortly_after_start_then_hourly_and_the_day_just_ended_soon_after_midnight()
    {
        var start = new DateTimeOffset(2026, 2, 2, 10, 0, 0, TimeSpan.Zero);
        var clock = new SteppedTime(start);
        foreach (var batch in Sample.Take(2_880).Chunk(400)) await _archive.WriteAsync(batch);
        var service = Service(retentionDays: 0, clock);
        await service.StartAsync(CancellationToken.None);
        try
        {
            await clock.WaitedOnAsync();
            service.Status.NextPass.Should().Be(start + ArchiveMaintenanceService.StartDelay);
            clock.Advance(ArchiveMaintenanceService.StartDelay);
            await Eventually.WaitAsync(() => service.Status.Passes == 1, null, () => $"{service.Status}");
            _archive.Files("2026-02-01").Should().Equal("day-2026-02-01.parquet");
            var today = _archive.Files("2026-02-02");
            today.Should().HaveCountGreaterThan(1);

            var passes = new List<DateTimeOffset>();
            while (clock.GetUtcNow() < new DateTimeOffset(2026, 2, 3, 0, 0, 0, TimeSpan.Zero))
            {
                _archive.Files("2026-02-02").Should().Equal(today, "2026-02-02 is not complete before midnight");
                await clock.WaitedOnAsync();
                var next = service.Status.NextPass!.Value;
                passes.Add(next);
                var count = service.Status.Passes;
                clock.Advance(next - clock.GetUtcNow());
                await Eventually.WaitAsync(() => service.Status.Passes == count + 1, null, () => $"{service.Status}");
            }

            // The default flush interval is a minute: each pass comes two minutes past the hour.
            passes.Should().Equal(Enumerable.Range(0, 15).Select(h => new DateTimeOffset(2026, 2, 2, 10, 2, 0, TimeSpan.Zero).AddHours(h)));
            _archive.Files("2026-02-02").Should().Equal("day-2026-02-02.parquet");
            (await _archive.ReadAsync(_archive.Compacted("2026-02-02"))).Should().Equal(SampleDay(2).Select(AsArchived));
            service.Status.Should().Match<ArchiveMaintenanceStatus>(s => s.DaysCompacted == 2 && s.LastError == null);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_node_that_does_not_write_the_archive_does_not_maintain_it()
    {
        var clock = new SteppedTime(new DateTimeOffset(2026, 2, 3, 12, 0, 0, TimeSpan.Zero));
        await _archive.WriteAsync(SampleDay(1).Take(10));
        await _archive.WriteAsync(SampleDay(1).Skip(10));
        var service = new ArchiveMaintenanceService(new CandleArchive(_archive.Root, enabled: false, NullLogger<CandleArchive>.Instance),
            Microsoft.Extensions.Options.Options.Create(new ArchiveOptions()), NullLogger<ArchiveMaintenanceService>.Instance, clock);

        await service.StartAsync(CancellationToken.None);
        await (service.ExecuteTask ?? Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(10));
        await service.StopAsync(CancellationToken.None);

        service.Status.NextPass.Should().BeNull();
        _archive.Files("2026-02-01").Should().HaveCount(2);
    }

    [Theory]
    [InlineData("2026-02-02T10:00:00Z", "00:01:00", "2026-02-02T10:02:00Z")]
    [InlineData("2026-02-02T10:02:00Z", "00:01:00", "2026-02-02T11:02:00Z")]
    [InlineData("2026-02-02T23:59:00Z", "00:05:00", "2026-02-03T00:06:00Z")]
    [InlineData("2026-02-02T00:00:00Z", "1.00:00:00", "2026-02-02T00:31:00Z")]
    public void Passes_follow_the_hour_a_flush_interval_and_a_minute_past_midnight(string now, string flushInterval, string expected)
    {
        ArchiveMaintenanceService.NextPassAfter(DateTimeOffset.Parse(now), TimeSpan.Parse(flushInterval))
            .Should().Be(DateTimeOffset.Parse(expected));
    }

    private ArchiveMaintenanceService Service(int retentionDays, TimeProvider clock) =>
        new(new CandleArchive(_archive.Root, enabled: true, NullLogger<CandleArchive>.Instance, clock),
            Microsoft.Extensions.Options.Options.Create(new ArchiveOptions { RetentionDays = retentionDays }),
            NullLogger<ArchiveMaintenanceService>.Instance, clock);

    private List<string> DayFolders(StreamKey key) =>
        Directory.GetDirectories(ArchiveLayout.StreamFolder(_archive.Root, key)).Select(d => Path.GetFileName(d)!).Order().ToList();

    private static Candle Shift(Candle c, int days) =>
        c with { OpenTime = c.OpenTime + days * 86_400_000L, CloseTime = c.CloseTime + days * 86_400_000L };
}
