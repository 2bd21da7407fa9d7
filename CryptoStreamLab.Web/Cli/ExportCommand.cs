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

    /// <summary>The verb's summary, options and notes: what <c>export --help</c> prints and what the parser accepts.</summary>
    public static readonly VerbHelp Help = new(
        Verb,
        "Write one stream's archived candles to a kline CSV in data.binance.vision's layout, which backtest --input reads back.",
        Usage,
        [
            new("symbol", "SYMBOL", "required: the stream's symbol, e.g. BTCUSDT"),
            new("interval", "INTERVAL", "required: the stream's interval (1m, 5m, 1h, …)"),
            new("from", "TIME", "the first candle's earliest open time (inclusive); default: the archive's first"),
            new("to", "TIME", "the end (exclusive); default: the archive's last candle"),
            new("output", "FILE", "required: the CSV to write; a name ending in .gz is gzip-compressed"),
        ],
        [
            "TIME is " + TimeWindowParser.TimeFormats + ".",
            "The archive is the dashboard's (Archive:Path, default data/archive in the app's folder); --Archive:Path=DIR reads another.",
            VerbHelp.RelativePaths,
            "Exit code: 0 success, 1 the archive cannot be read or the file written, 2 bad arguments, a stream the archive lacks or an empty range.",
        ],
        TakesConfiguration: true);

    /// <summary>The verb with the current folder as the caller's (see <see cref="VerbContext"/>).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) => Run(args, VerbContext.Here(stdout, stderr));

    public static int Run(IReadOnlyList<string> args, VerbContext context)
    {
        var (stdout, stderr) = (context.Out, context.Error);
        ArchiveQuery query;
        string output;
        List<Candle> candles;
        try
        {
            var options = VerbOptions.Parse(args, Help);
            query = ArchiveQuery.Parse(options, Usage);
            output = context.Resolve(options.Required("output", Usage));
            OutputFile.Check(output);
            var root = CommandConfiguration.ArchiveRoot(CommandConfiguration.Build(CommandConfiguration.Rebase(options.ConfigurationOverrides, context.CallerDirectory)));
            using var progress = context.Progress();
            progress.Report($"{Verb}: reading {query.Stream} from the archive at {root}…");
            candles = query.Read(root, Verb, progress.Messages(stderr));
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
            using (var progress = context.Progress())
                Write(temporary, gzip: OutputFile.IsGzip(output), candles, progress);
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

    private static void Write(string path, bool gzip, List<Candle> candles, ProgressLine progress)
    {
        Stream stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        if (gzip) stream = new GZipStream(stream, CompressionLevel.Optimal);
        using var text = new StreamWriter(stream, bufferSize: 1 << 16);
        var writer = new KlineCsvWriter(text);
        for (var i = 0; i < candles.Count; i++)
        {
            writer.Write(candles[i]);
            if ((i + 1) % 4096 == 0) progress.Report($"{Verb}: {i + 1:N0} of {candles.Count:N0} candles written");
        }
    }
}
