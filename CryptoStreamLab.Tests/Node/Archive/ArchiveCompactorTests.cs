using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static CryptoStreamLab.Tests.Node.Archive.ArchiveFolder;

namespace CryptoStreamLab.Tests.Node.Archive;

public sealed class ArchiveCompactorTests : IDisposable
{
    // Noon on the sample's third day: 2026-02-01 and 2026-02-02 are complete, 2026-02-03 is today.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 2, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly ArchiveFolder _archive = new();

    public void Dispose() => _archive.Dispose();

    [Fact]
    public async Task Each_complete_day_becomes_one_file_with_its_candles_once_in_order_and_today_is_left_alone()
    {
        // Several flushes a day, and two batches written twice, as after a kill before the ledger noted them.
        foreach (var batch in Sample.Chunk(250)) await _archive.WriteAsync(batch);
        await _archive.WriteAsync(Sample.Skip(1_300).Take(300));
        await _archive.WriteAsync(Sample.Skip(2_900));
        _archive.Files("2026-02-01").Should().HaveCountGreaterThan(1);
        var today = _archive.Files("2026-02-03");
        today.Should().HaveCount(2);

        var pass = await Compactor().CompactAsync(_archive.Root);

        pass.Should().BeEquivalentTo(new CompactionPass(2, [], []));
        _archive.Files("2026-02-01").Should().Equal("day-2026-02-01.parquet");
        _archive.Files("2026-02-02").Should().Equal("day-2026-02-02.parquet");
        _archive.Files("2026-02-03").Should().Equal(today, "today's day is still being written");
        (await _archive.ReadAsync(_archive.Compacted("2026-02-01"))).Should().Equal(SampleDay(1).Select(AsArchived));
        (await _archive.ReadAsync(_archive.Compacted("2026-02-02"))).Should().Equal(SampleDay(2).Select(AsArchived));

        // An independent reader sees every candle once, today's repeats aside, with the partitions from the path.
        var expected = Sample.Concat(Sample.Skip(2_900)).OrderBy(c => c.OpenTime).Select(DuckDbRow);
        _archive.DuckDbRows().Should().Equal(expected);
    }

    [Fact]
    public async Task A_day_holding_only_its_compacted_file_is_not_rewritten()
    {
        await _archive.WriteAsync(SampleDay(1).Take(700));
        await _archive.WriteAsync(SampleDay(1).Skip(700));
        (await Compactor().CompactAsync(_archive.Root)).DaysCompacted.Should().Be(1);
        var marker = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_archive.Compacted("2026-02-01"), marker);

        (await Compactor().CompactAsync(_archive.Root)).DaysCompacted.Should().Be(0);

        File.GetLastWriteTimeUtc(_archive.Compacted("2026-02-01")).Should().Be(marker);
    }

    [Fact]
    public async Task A_single_flushed_file_of_a_complete_day_is_renamed_as_its_compacted_file()
    {
        await _archive.WriteAsync(SampleDay(2));

        (await Compactor().CompactAsync(_archive.Root)).DaysCompacted.Should().Be(1);

        _archive.Files("2026-02-02").Should().Equal("day-2026-02-02.parquet");
        (await _archive.ReadAsync(_archive.Compacted("2026-02-02"))).Should().Equal(SampleDay(2).Select(AsArchived));
    }

    [Fact]
    public async Task Candles_written_late_next_to_a_compacted_day_are_merged_in_by_the_next_pass()
    {
        await _archive.WriteAsync(SampleDay(1).Take(1_000));
        await _archive.WriteAsync(SampleDay(1).Skip(1_000).Take(430));
        var compactor = Compactor();
        await compactor.CompactAsync(_archive.Root);
        // The writer adds the day's last ten minutes after midnight, with five it had already written.
        await _archive.WriteAsync(SampleDay(1).Skip(1_425));
        _archive.Files("2026-02-01").Should().HaveCount(2);

        (await compactor.CompactAsync(_archive.Root)).DaysCompacted.Should().Be(1);

        _archive.Files("2026-02-01").Should().Equal("day-2026-02-01.parquet");
        (await _archive.ReadAsync(_archive.Compacted("2026-02-01"))).Should().Equal(SampleDay(1).Select(AsArchived));
    }

    [Fact]
    public async Task A_compaction_killed_after_its_merged_file_was_ready_is_finished_by_the_next_pass()
    {
        // Sources A, B, C were merged into the ready file; the kill came after A was deleted.
        var a = SampleDay(1).Take(500).ToList();
        var b = SampleDay(1).Skip(500).Take(500).ToList();
        var c = SampleDay(1).Skip(1_000).Take(430).ToList();
        foreach (var part in new[] { b, c }) await _archive.WriteAsync(part);
        var staging = Directory.CreateTempSubdirectory("compaction-ready-").FullName;
        var merged = await ParquetCandleFile.WriteAsync(staging, [.. a, .. b, .. c]);
        File.Move(merged, Path.Combine(_archive.Day("2026-02-01"), ".day-2026-02-01.parquet.ready"));
        Directory.Delete(staging, recursive: true);
        // The writer added the day's last ten minutes meanwhile: not in the ready file, so it must stay and be merged.
        await _archive.WriteAsync(SampleDay(1).Skip(1_430));

        (await Compactor().CompactAsync(_archive.Root)).Should().BeEquivalentTo(new CompactionPass(1, [], []));

        _archive.Files("2026-02-01").Should().Equal("day-2026-02-01.parquet");
        (await _archive.ReadAsync(_archive.Compacted("2026-02-01"))).Should().Equal(SampleDay(1).Select(AsArchived));
    }

    [Fact]
    public async Task Temporary_files_of_killed_writers_are_deleted_once_stale_and_a_fresh_one_is_left()
    {
        await _archive.WriteAsync(SampleDay(1));
        await _archive.WriteAsync(Sample.Skip(2_880));
        var day = _archive.Day("2026-02-01");
        var today = _archive.Day("2026-02-03");
        var now = _clock.GetUtcNow().UtcDateTime;
        WriteGarbage(Path.Combine(day, ".day-2026-02-01.parquet.tmp"), now.AddHours(-3));
        WriteGarbage(Path.Combine(today, ".1770076800000-dead.parquet.tmp"), now - ArchiveCompactor.StaleTemporaryAge - TimeSpan.FromSeconds(1));
        WriteGarbage(Path.Combine(today, ".1770076800000-busy.parquet.tmp"), now.AddSeconds(-10));

        (await Compactor().CompactAsync(_archive.Root)).Errors.Should().BeEmpty();

        _archive.Files("2026-02-01").Should().Equal("day-2026-02-01.parquet");
        _archive.Files("2026-02-03").Where(f => f.StartsWith('.')).Should().Equal(".1770076800000-busy.parquet.tmp");
        (await _archive.ReadAsync(_archive.Compacted("2026-02-01"))).Should().Equal(SampleDay(1).Select(AsArchived));
    }

    [Fact]
    public async Task A_corrupt_or_foreign_file_is_reported_by_name_left_in_place_and_the_rest_of_its_day_compacted()
    {
        await _archive.WriteAsync(SampleDay(1).Take(600));
        await _archive.WriteAsync(SampleDay(1).Skip(600));
        var corrupt = Path.Combine(_archive.Day("2026-02-01"), "x.parquet");
        byte[] garbage = [.. "PAR1"u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xFF, .. "PAR1"u8];
        File.WriteAllBytes(corrupt, garbage);
        var foreign = Path.Combine(_archive.Day("2026-02-01"), "notes.parquet");
        WriteForeignParquet(foreign);
        var logs = new CapturingLoggerProvider();
        var compactor = new ArchiveCompactor(logs.CreateLogger("archive"), _clock);

        var pass = await compactor.CompactAsync(_archive.Root);

        pass.DaysCompacted.Should().Be(1);
        pass.SkippedFiles.Should().Equal(foreign, corrupt);
        compactor.SkippedFiles.Should().Equal(foreign, corrupt);
        logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message)
            .Should().Contain(m => m.Contains(corrupt)).And.Contain(m => m.Contains(foreign));
        _archive.Files("2026-02-01").Should().Equal("day-2026-02-01.parquet", "notes.parquet", "x.parquet");
        File.ReadAllBytes(corrupt).Should().Equal(garbage);
        (await _archive.ReadAsync(_archive.Compacted("2026-02-01"))).Should().Equal(SampleDay(1).Select(AsArchived));

        // Still reported on the next pass, and the compacted file is not rewritten because of them.
        var marker = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_archive.Compacted("2026-02-01"), marker);
        (await compactor.CompactAsync(_archive.Root)).Should().Match<CompactionPass>(p => p.DaysCompacted == 0 && p.SkippedFiles.Count == 2);
        File.GetLastWriteTimeUtc(_archive.Compacted("2026-02-01")).Should().Be(marker);
    }

    private ArchiveCompactor Compactor() => new(NullLogger.Instance, _clock);

    private static void WriteGarbage(string path, DateTime lastWriteUtc)
    {
        File.WriteAllText(path, "half a file");
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
    }
}
