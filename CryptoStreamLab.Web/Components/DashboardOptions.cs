namespace CryptoStreamLab.Web.Components;

/// <summary>How the dashboard draws and how often it pushes renders (appsettings section "Dashboard").</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    // Ceilings on the upload limits: what one circuit may hold without endangering the server.
    private const long MaxUploadBytes = 1L << 30;
    private const long MaxDecompressedBytes = 8L << 30;
    private const int MaxRows = 20_000_000;

    /// <summary>The portfolio chart's floor line as a fraction of the starting balance (the seed drew 9,300 on 10,000).</summary>
    public double FloorRatio { get; set; } = 0.93;

    /// <summary>Upper bound on renders one browser circuit receives per second; updates in between are coalesced.</summary>
    public int MaxRendersPerSecond { get; set; } = 4;

    /// <summary>
    /// Candles the charts show (the newest ones; the buffer may hold more). Every chart redraw in the browser
    /// costs in proportion to this, and with many viewers on one machine the browsers' redraws dominate.
    /// </summary>
    public int ChartCandles { get; set; } = 300;

    /// <summary>
    /// Largest kline file the backtest page takes, as uploaded (compressed when gzip): a month of 1-minute klines is about 4 MB,
    /// 1.3 MB gzipped. The upload is held in memory while it is read.
    /// </summary>
    public long UploadMaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// Most bytes an upload may decompress to: a small gzip file can hold gigabytes (of newlines, say), so reading stops here
    /// with a message. 256 MB is about three years of 1-minute klines.
    /// </summary>
    public long UploadMaxDecompressedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most candles an upload may hold: they are kept in the circuit's memory (about 150 bytes each) for the runs.</summary>
    public int UploadMaxRows { get; set; } = 1_000_000;

    public TimeSpan MinRenderInterval => TimeSpan.FromSeconds(1.0 / MaxRendersPerSecond);

    public IEnumerable<string> Validate()
    {
        if (!(FloorRatio > 0 && FloorRatio <= 1))
            yield return $"{SectionName}:FloorRatio must be above 0 and at most 1 (is {FloorRatio}).";
        if (MaxRendersPerSecond < 1 || MaxRendersPerSecond > 60)
            yield return $"{SectionName}:MaxRendersPerSecond must be between 1 and 60 (is {MaxRendersPerSecond}).";
        if (ChartCandles < 10 || ChartCandles > 100_000)
            yield return $"{SectionName}:ChartCandles must be between 10 and 100000 (is {ChartCandles}).";
        if (UploadMaxBytes < 1024 || UploadMaxBytes > MaxUploadBytes)
            yield return $"{SectionName}:UploadMaxBytes must be between 1024 and {MaxUploadBytes} (is {UploadMaxBytes}).";
        if (UploadMaxDecompressedBytes < UploadMaxBytes || UploadMaxDecompressedBytes > MaxDecompressedBytes)
        {
            yield return $"{SectionName}:UploadMaxDecompressedBytes must be between UploadMaxBytes ({UploadMaxBytes}) and {MaxDecompressedBytes} " +
                         $"(is {UploadMaxDecompressedBytes}).";
        }
        if (UploadMaxRows < 1 || UploadMaxRows > MaxRows)
            yield return $"{SectionName}:UploadMaxRows must be between 1 and {MaxRows} (is {UploadMaxRows}).";
    }
}
