using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Web.Backtesting;

/// <summary>
/// The <c>backtest</c> verb's own options; every other <c>--Section:Key=value</c> (or <c>--Section:Key value</c>)
/// is a configuration override in .NET's command-line form.
/// </summary>
public sealed record BacktestArguments(string Input, string Output, string Symbol, KlineInterval Interval, IReadOnlyList<string> ConfigurationOverrides)
{
    public const string Usage =
        "usage: backtest --input FILE --output FILE [--symbol SYMBOL] [--interval INTERVAL] [--Section:Key=value ...]";

    /// <exception cref="ArgumentException">The arguments are not usable; the message says which and why.</exception>
    public static BacktestArguments Parse(IReadOnlyList<string> args)
    {
        var verbOptions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var overrides = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new ArgumentException($"Unexpected argument '{arg}'. {Usage}");

            var (name, value) = SplitOption(arg, args, ref i);
            if (name.Contains(':'))
            {
                overrides.Add($"--{name}={value}");
                continue;
            }

            if (name is not ("input" or "output" or "symbol" or "interval"))
                throw new ArgumentException($"Unknown option '--{name}'. {Usage}");
            verbOptions[name] = value;
        }

        var input = Required(verbOptions, "input");
        var output = Required(verbOptions, "output");
        var (inferredSymbol, inferredInterval) = KlineCsvReader.InferStream(input);

        var symbol = verbOptions.GetValueOrDefault("symbol") ?? inferredSymbol ?? "BTCUSDT";
        if (!SymbolRules.IsValid(symbol)) throw new ArgumentException($"--symbol '{symbol}': {SymbolRules.Description}");

        KlineInterval interval;
        if (verbOptions.TryGetValue("interval", out var code))
        {
            if (!KlineIntervals.TryParse(code, out interval))
                throw new ArgumentException($"--interval '{code}' is not a Binance interval; use one of {string.Join(", ", KlineIntervals.Codes)}.");
        }
        else
        {
            interval = inferredInterval ?? KlineInterval.OneMinute;
        }

        return new BacktestArguments(input, output, symbol, interval, overrides);
    }

    private static (string Name, string Value) SplitOption(string arg, IReadOnlyList<string> args, ref int i)
    {
        var equals = arg.IndexOf('=');
        if (equals > 0) return (arg[2..equals], arg[(equals + 1)..]);
        if (i + 1 >= args.Count) throw new ArgumentException($"Option '{arg}' needs a value. {Usage}");
        return (arg[2..], args[++i]);
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ArgumentException($"--{name} is required. {Usage}");
}
