using System.Text.Json;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Streams;
using CryptoStreamLab.Tests.Fakes;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoStreamLab.Tests.Node.Archive;

public sealed class ArchiveHostingTests
{
    // Binance where nothing listens: the only candles are the ones a test applies.
    private static Dictionary<string, string?> Settings(string flushInterval, string? path = null) => new()
    {
        ["MarketData:Source"] = "Binance",
        ["MarketData:Symbols:0"] = CsvCandleFeeder.Stream.Symbol,
        ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
        ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
        ["Archive:FlushInterval"] = flushInterval,
        ["Archive:Path"] = path,
    };

    [Fact]
    public async Task The_app_archives_under_its_content_root_reports_the_archive_and_flushes_on_a_graceful_stop()
    {
        // No Archive:Path: the default, the folder "archive" inside Storage:Path (the test app's folder).
        await using var app = new InProcessApp(Settings("01:00:00"));
        await app.StartAsync();
        CsvCandleFeeder.ForSample(app.Services.GetRequiredService<StreamDirectory>()).ApplyClosed(300);

        using (var status = JsonDocument.Parse(await app.Client.GetStringAsync("/api/status")))
        {
            var archive = status.RootElement.GetProperty("archive");
            archive.GetProperty("enabled").GetBoolean().Should().BeTrue();
            archive.GetProperty("pending").GetInt32().Should().Be(300);
            archive.GetProperty("candlesWritten").GetInt64().Should().Be(0);
            archive.GetProperty("lastError").ValueKind.Should().Be(JsonValueKind.Null);
        }
        var root = app.Services.GetRequiredService<CandleArchive>().Root;
        root.Should().Be(Path.Combine(app.Folder, "archive"));
        await app.StopAsync();

        (await ParquetCandleFile.ReadStreamAsync(root, CsvCandleFeeder.Stream)).Should().HaveCount(300, "a graceful stop writes what waited");
    }

    [Theory]
    [InlineData("Binance", "archive")]
    [InlineData("Replay", "archive-replay")]
    public async Task Without_an_archive_path_two_apps_with_different_storage_folders_archive_apart(string source, string folder)
    {
        var storage = Directory.CreateTempSubdirectory("storage-").FullName;
        try
        {
            var settings = Settings("01:00:00");
            settings["MarketData:Source"] = source;
            settings["Storage:Path"] = storage;
            await using var app = new InProcessApp(settings);

            app.Services.GetRequiredService<CandleArchive>().Root.Should().Be(Path.Combine(storage, folder));
        }
        finally
        {
            Directory.Delete(storage, recursive: true);
        }
    }

    [Fact]
    public async Task Health_is_degraded_while_the_archive_cannot_be_written_and_recovers_when_it_can()
    {
        var blocker = Path.Combine(Directory.CreateTempSubdirectory("archive-blocker-").FullName, "archive");
        await using var app = new InProcessApp(Settings("00:00:00.100", blocker));
        await app.StartAsync();
        // A usable folder at start (checked then); a file where it should be afterwards.
        Directory.Delete(blocker, recursive: true);
        File.WriteAllText(blocker, "a file where the archive folder should be");
        CsvCandleFeeder.ForSample(app.Services.GetRequiredService<StreamDirectory>()).ApplyClosed(300);

        var check = (Status: "", Description: (string?)null);
        await Eventually.WaitAsync(() => (check = ArchiveCheck(app)).Status == "Degraded", null, () => $"{check}");
        check.Description.Should().Contain(blocker);
        using (var status = JsonDocument.Parse(await app.Client.GetStringAsync("/api/status")))
        {
            var archive = status.RootElement.GetProperty("archive");
            archive.GetProperty("writable").GetBoolean().Should().BeFalse();
            archive.GetProperty("pending").GetInt32().Should().Be(300);
            archive.GetProperty("lastError").GetString().Should().Contain(blocker);
        }

        File.Delete(blocker);
        var archiveStatus = app.Services.GetRequiredService<CandleArchive>();
        await Eventually.WaitAsync(() => archiveStatus.Status.CandlesWritten == 300, null, () => $"{archiveStatus.Status}");
        // /health runs its checks at most once a second, so the recovery shows within a second.
        await Eventually.WaitAsync(() => (check = ArchiveCheck(app)).Status == "Healthy", TimeSpan.FromSeconds(3), () => $"{check}");
        Directory.Delete(Path.GetDirectoryName(blocker)!, recursive: true);
    }

    [Fact]
    public async Task The_app_compacts_the_archive_s_past_days_shortly_after_start()
    {
        var folder = Directory.CreateTempSubdirectory("archive-compaction-").FullName;
        var root = Path.Combine(folder, "archive");
        var day = CsvCandleFeeder.SampleCandles.Take(1_440).ToList();
        var dayFolder = Path.Combine(root, ArchiveLayout.PartitionOf(day[0].Symbol, day[0].Interval, day[0].OpenTime));
        await ParquetCandleFile.WriteAsync(dayFolder, day.Take(700).ToList());
        await ParquetCandleFile.WriteAsync(dayFolder, day.Skip(700).ToList());
        await using (var app = new InProcessApp(Settings("01:00:00", root)))
        {
            await app.StartAsync();
            var maintenance = app.Services.GetRequiredService<ArchiveMaintenanceService>();
            await Eventually.WaitAsync(() => maintenance.Status.Passes > 0, ArchiveMaintenanceService.StartDelay * 3, () => $"{maintenance.Status}");
            maintenance.Status.Should().Match<ArchiveMaintenanceStatus>(s => s.DaysCompacted == 1 && s.LastError == null);
            using var status = JsonDocument.Parse(await app.Client.GetStringAsync("/api/status"));
            var reported = status.RootElement.GetProperty("archive").GetProperty("maintenance");
            reported.GetProperty("daysCompacted").GetInt64().Should().Be(1);
            reported.GetProperty("skippedFiles").GetArrayLength().Should().Be(0);
        }

        Directory.GetFiles(dayFolder).Select(Path.GetFileName).Should().Equal("day-2026-02-01.parquet");
        (await ParquetCandleFile.ReadStreamAsync(root, CsvCandleFeeder.Stream)).Select(c => c.OpenTime).Should().Equal(day.Select(c => c.OpenTime));
        Directory.Delete(folder, recursive: true);
    }

    private static (string Status, string? Description) ArchiveCheck(InProcessApp app)
    {
        using var health = JsonDocument.Parse(app.Client.GetStringAsync("/health").GetAwaiter().GetResult());
        var check = health.RootElement.GetProperty("checks").GetProperty("archive");
        return (check.GetProperty("status").GetString()!, check.GetProperty("description").GetString());
    }
}
