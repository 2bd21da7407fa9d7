using System.IO.Compression;
using System.Text;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Web.Components.Backtesting;

namespace CryptoStreamLab.Tests.Web.Components.Backtesting;

public sealed class CandleUploadTests
{
    private static readonly UploadLimits Limits = new(16 * 1024 * 1024, 1024L * 1024 * 1024, 1_000);

    [Fact]
    public async Task A_cancelled_read_stops_before_the_end_of_a_large_decompression()
    {
        // Half a gigabyte of newlines: without cancellation the reader would inflate all of it.
        var bomb = new MemoryStream();
        using (var gzip = new GZipStream(bomb, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("open_time,open,high,low,close,volume\n"u8);
            var newlines = new byte[1 << 20];
            newlines.AsSpan().Fill((byte)'\n');
            for (var i = 0; i < 500; i++) gzip.Write(newlines);
        }
        bomb.Position = 0;
        using var cancel = new CancellationTokenSource();

        var reading = CandleUpload.ReadAsync(bomb, "BOMBUSDT-1m.csv.gz", "BOMBUSDT", KlineInterval.OneMinute, Limits, cancel.Token);
        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => reading).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task An_upload_longer_than_its_limit_as_read_is_refused_even_when_its_size_was_not_declared()
    {
        var upload = new MemoryStream(Encoding.UTF8.GetBytes(new string('x', 17 * 1024 * 1024)));

        var reading = () => CandleUpload.ReadAsync(upload, "BIGUSDT-1m.csv", "BIGUSDT", KlineInterval.OneMinute, Limits, CancellationToken.None);

        await reading.Should().ThrowAsync<InvalidDataException>().WithMessage("BIGUSDT-1m.csv: more than 16 MB as uploaded; the limit is 16 MB.");
    }
}
