using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Archive;
using CryptoStreamLab.Node.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoStreamLab.Tests.Node.Archive;

public sealed class PathGuardTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("guard-").FullName;
    private string Root => Path.Combine(_parent, "archive");

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Theory]
    [InlineData("symbol=../../../fuzz-escape")]
    [InlineData("../x")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("a/../../x")]
    [InlineData("symbol=A\0B")]
    [InlineData("/etc")]
    public void A_path_built_from_data_that_would_leave_its_root_is_refused(string relative)
    {
        PathGuard.Within(Root, relative).Should().BeNull();
        var act = () => PathGuard.Require(Root, relative);
        act.Should().Throw<InvalidDataException>().WithMessage("*outside*");
    }

    [Fact]
    public void A_path_inside_its_root_is_its_full_path()
    {
        PathGuard.Within(Root, Path.Combine("symbol=BTCUSDT", "interval=1m")).Should().Be(Path.Combine(Path.GetFullPath(Root), "symbol=BTCUSDT", "interval=1m"));
        PathGuard.Within(Root + "/", "a").Should().Be(Path.Combine(Path.GetFullPath(Root), "a"));
        PathGuard.Within(Root, "../archive-sibling/x").Should().BeNull("a sibling whose name starts like the root is still outside");
    }

    [Fact]
    public void A_stream_folder_for_an_escaping_symbol_is_refused()
    {
        var act = () => ArchiveLayout.StreamFolder(Root, new StreamKey("../../../fuzz-escape", KlineInterval.OneMinute));
        act.Should().Throw<InvalidDataException>();
    }

    [Fact]
    public async Task The_archive_refuses_a_bad_candle_and_still_writes_the_good_ones_inside_its_root()
    {
        var archive = new CandleArchive(Root, enabled: true, NullLogger<CandleArchive>.Instance);
        var good = Support.TestCandles.Make(0, 100);
        archive.Add(good with { Symbol = "../../../fuzz-escape" });
        archive.Add(good with { Symbol = "BTC\0" + new string('X', 300) });
        archive.Add(good with { OpenTime = 3_993_148_800_000, CloseTime = 3_993_148_859_999 });
        archive.Add(good);

        (await archive.FlushAsync()).Should().BeTrue();

        archive.Refused.Should().Be(3);
        archive.Status.CandlesWritten.Should().Be(1);
        archive.Status.Pending.Should().Be(0);
        Directory.EnumerateFileSystemEntries(_parent).Should().Equal(Root);
        archive.NewestArchived(good.Stream).Should().Be(good.OpenTime);
    }
}
