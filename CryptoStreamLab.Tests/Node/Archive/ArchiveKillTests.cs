using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;
using static CryptoStreamLab.Tests.Node.Archive.ArchiveFolder;

namespace CryptoStreamLab.Tests.Node.Archive;

/// <summary>
/// The real app, SIGKILLed while it compacts the archive: at that moment a reader of <c>*.parquet</c> sees no candle twice
/// and no file it cannot read, and once restarted the app finishes the work with every candle once.
/// </summary>
public sealed class ArchiveKillTests : IDisposable
{
    private const int Days = 240;
    private const int FilesPerDay = 3;
    private readonly ArchiveFolder _archive = new();
    private readonly string _ledger = Directory.CreateTempSubdirectory("archive-kill-ledger-").FullName;
    private readonly List<AppProcess> _apps = [];

    public void Dispose()
    {
        foreach (var app in _apps) app.Dispose();
        _archive.Dispose();
        Directory.Delete(_ledger, recursive: true);
    }

    [Fact]
    public async Task A_compaction_killed_midway_leaves_no_duplicate_or_unreadable_file_and_a_restart_finishes_it()
    {
        // 240 past days of one stream, each in three files as three flushes would leave them.
        var expected = new List<Candle>();
        for (var d = Days; d >= 1; d--)
        {
            var day = SampleDay(1).Select(c => c with { OpenTime = c.OpenTime - d * 86_400_000L, CloseTime = c.CloseTime - d * 86_400_000L }).ToList();
            expected.AddRange(day);
            foreach (var part in day.Chunk(day.Count / FilesPerDay)) await _archive.WriteAsync(part);
        }

        var victim = Start();
        await Eventually.WaitAsync(() => CompactedDays() >= Days / 4, TimeSpan.FromSeconds(60), () => $"{CompactedDays()} days compacted\n{victim.Output}");
        victim.KillHard();
        CompactedDays().Should().BeLessThan(Days, "the kill must land in the middle of the compaction");
        await VisibleFilesAreReadableWithoutDuplicatesAsync();

        var restarted = Start();
        await Eventually.WaitAsync(() => CompactedDays() == Days && AllDayFolders().All(f => Directory.GetFiles(f).Length == 1),
            TimeSpan.FromSeconds(60), () => $"{CompactedDays()} days compacted\n{restarted.Output}");
        restarted.KillHard();

        // Nothing left behind either: no hidden temporary or ready file, no source.
        AllDayFolders().Select(f => string.Join(",", Directory.GetFiles(f).Select(Path.GetFileName)))
            .Should().Equal(AllDayFolders().Select(f => "day-" + Path.GetFileName(f).Substring("date=".Length) + ".parquet"));
        _archive.DuckDbRows().Should().Equal(expected.Select(DuckDbRow));
    }

    private async Task VisibleFilesAreReadableWithoutDuplicatesAsync()
    {
        foreach (var folder in AllDayFolders())
        {
            var openTimes = new List<long>();
            foreach (var file in ArchiveLayout.DataFiles(folder))
            {
                var candles = await _archive.ReadAsync(file); // throws on a half-written file
                openTimes.AddRange(candles.Select(c => c.OpenTime));
            }
            openTimes.Should().OnlyHaveUniqueItems($"{folder} must show no candle twice");
        }
    }

    private int CompactedDays() => Directory.EnumerateFiles(_archive.Root, "day-*.parquet", SearchOption.AllDirectories).Count();

    private List<string> AllDayFolders() =>
        Directory.GetDirectories(ArchiveLayout.StreamFolder(_archive.Root, Ltc), "date=*").Order(StringComparer.Ordinal).ToList();

    private AppProcess Start()
    {
        // The stream's market data comes from nowhere: the only work is the archive's maintenance.
        var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["MarketData:Source"] = "Binance",
            ["MarketData:Symbols:0"] = Ltc.Symbol,
            ["MarketData:Binance:RestBaseUrl"] = "http://127.0.0.1:1",
            ["MarketData:Binance:WebSocketBaseUrl"] = "ws://127.0.0.1:1",
            ["Storage:Path"] = _ledger,
            ["Archive:Path"] = _archive.Root,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        _apps.Add(app);
        return app;
    }
}
