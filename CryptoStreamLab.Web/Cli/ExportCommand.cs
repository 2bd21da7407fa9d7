using System.IO.Compression;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node.Configuration;

namespace CryptoStreamLab.Web.Cli;

/// <summary>
/// <c>export --symbol S --interval I [--from TIME] [--to TIME] --output FILE.csv[.gz]</c>: one stream's archived candles
/// in data.binance.vision's 12-column kline layout (see <see cref="KlineCsvWriter"/>), gzip-compressed when the name
/// ends in .gz, which <c>backtest --input</c> reads back. Exit code 0 on success, 1 when the archive cannot be read or
/// the file cannot be written, 2 for bad arguments, a stream the archive does not have or a range without candles.
/// Archive files skipped as damaged are warnings on standard error.
/// </summary>
public static class ExportCommand
{
    public const string Verb = "export";

    public const string Usage =
        "usage: export --symbol SYMBOL --interval INTERVAL [--from TIME] [--to TIME] --output FILE.csv[.gz] [--Archive:Path=DIR]; " +
        "TIME is " + TimeWindowParser.TimeFormats + ", --from inclusive, --to exclusive";

    private static readonly string[] ValueOptions = ["symbol", "interval", "from", "to", "output"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArchiveQuery query;
        string output;
        List<Candle> candles;
        try
        {
            var options = VerbOptions.Parse(args, ValueOptions, [], Usage);
            query = ArchiveQuery.Parse(options, Usage);
            output = options.Required("output", Usage);
            OutputFile.Check(output);
            var root = CommandConfiguration.ArchiveRoot(CommandConfiguration.Build(options.ConfigurationOverrides));
            candles = query.Read(root, Verb, stderr);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"{Verb}: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{Verb}: the archive could not be read: {e.Message}");
            return 1;
        }

        // Written beside the output and renamed when complete: a failure never leaves a partial file under its name.
        var temporary = OutputFile.Partial(output);
        try
        {
            Write(temporary, gzip: OutputFile.IsGzip(output), candles);
            File.Move(temporary, output, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            FileCleanup.TryDeleteFile(temporary);
            stderr.WriteLine($"{Verb}: {output} could not be written: {e.Message}");
            return 1;
        }

        stdout.WriteLine($"{query.Stream}: {candles.Count} candles opening from {ArchiveRange.Format(candles[0].OpenTime)} " +
                         $"to {ArchiveRange.Format(candles[^1].OpenTime)} written to {output}");
        return 0;
    }

    private static void Write(string path, bool gzip, List<Candle> candles)
    {
        Stream stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        if (gzip) stream = new GZipStream(stream, CompressionLevel.Optimal);
        using var text = new StreamWriter(stream, bufferSize: 1 << 16);
        var writer = new KlineCsvWriter(text);
        foreach (var candle in candles) writer.Write(candle);
    }
}
