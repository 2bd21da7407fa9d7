using System.Globalization;
using System.IO.Compression;
using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Engine;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;
using CryptoStreamLab.Web.Hosting;

namespace CryptoStreamLab.Web.Backtesting;

/// <summary>
/// <c>backtest --input FILE --output FILE</c>: the live engine, headless, over a kline file. Exit code 0 on
/// success, 1 for bad input data, 2 for bad arguments or configuration.
/// </summary>
public static class BacktestCommand
{
    public const string Verb = "backtest";

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        BacktestArguments arguments;
        EngineSettings settings;
        try
        {
            arguments = BacktestArguments.Parse(args);
            settings = LoadSettings(arguments.ConfigurationOverrides);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"backtest: {e.Message}");
            return 2;
        }

        var temporary = arguments.Output + ".partial";
        try
        {
            BacktestSummary summary;
            using (var output = CreateOutput(temporary))
            {
                var writer = new BacktestCsvWriter(output);
                writer.WriteHeader();
                var candles = KlineCsvReader.ReadFile(arguments.Input, arguments.Symbol, arguments.Interval);
                summary = Backtester.Run(new StreamKey(arguments.Symbol, arguments.Interval), settings, candles, e => writer.Write(e));
            }

            // Only a complete run replaces the output file: a failure half-way never leaves a truncated result behind.
            File.Move(temporary, arguments.Output, overwrite: true);
            stdout.WriteLine(FormatSummary(summary));
            return 0;
        }
        catch (Exception e) when (e is CsvFormatException or FileNotFoundException or DirectoryNotFoundException or IOException
                                      or InvalidDataException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            stderr.WriteLine($"backtest: {e.Message}");
            return 1;
        }
    }

    public static string FormatSummary(BacktestSummary s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Stream}: {s.Candles} candles, {s.Fills.Count} fills, final equity {s.FinalEquity:0.########} " +
        $"(start {s.StartingBalance:0.##}, fees {s.FeesPaid:0.########}), {s.CandlesPerSecond:0} candles/s");

    /// <summary>appsettings.json beside the app, then environment variables, then the command line, as the web host reads them.</summary>
    private static EngineSettings LoadSettings(IReadOnlyList<string> overrides)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(overrides.ToArray())
            .Build();

        var problems = new List<string>();
        var strategy = Bind<StrategyOptions>(configuration, StrategyOptions.SectionName, problems);
        var trading = Bind<TradingOptions>(configuration, TradingOptions.SectionName, problems);
        var settings = new EngineSettings(strategy, trading);
        problems.AddRange(settings.Validate());
        if (problems.Count > 0)
            throw new ArgumentException("the configuration is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)));
        return settings;
    }

    private static T Bind<T>(IConfiguration configuration, string section, List<string> problems) where T : class, new()
    {
        var options = new T();
        SectionBinder.Bind(configuration.GetSection(section), options, problems);
        return options;
    }

    private static StreamWriter CreateOutput(string path)
    {
        Stream stream = File.Create(path);
        if (path.EndsWith(".gz.partial", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionLevel.Fastest);
        return new StreamWriter(stream, bufferSize: 1 << 16);
    }
}
