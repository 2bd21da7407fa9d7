using System.Text.RegularExpressions;
using CryptoStreamLab.Core.Market;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.MarketData;

/// <summary>
/// Checks the whole "MarketData" section and reports every problem at once, each with its configuration
/// path, so a bad appsettings file is fixed in one go rather than one error per start.
/// </summary>
public sealed partial class MarketDataOptionsValidator : IValidateOptions<MarketDataOptions>
{
    /// <summary>Binance accepts at most this many streams on one connection.</summary>
    public const int MaxStreamsPerConnection = 1024;

    [GeneratedRegex("^[A-Z0-9]{2,20}$")]
    private static partial Regex SymbolPattern();

    public ValidateOptionsResult Validate(string? name, MarketDataOptions options)
    {
        var errors = new List<string>();
        const string s = MarketDataOptions.SectionName;

        if (!Enum.IsDefined(options.Source))
            errors.Add($"{s}:Source '{options.Source}' is not a source; use Binance, Replay or Synthetic.");

        if (options.Symbols.Count == 0) errors.Add($"{s}:Symbols is empty; list at least one symbol such as BTCUSDT.");
        for (var i = 0; i < options.Symbols.Count; i++)
        {
            if (options.Symbols[i] is not { } symbol || !SymbolPattern().IsMatch(symbol))
                errors.Add($"{s}:Symbols:{i} '{options.Symbols[i]}' is not a Binance symbol: 2 to 20 upper-case letters or digits, such as BTCUSDT.");
        }
        AddDuplicates(errors, $"{s}:Symbols", options.Symbols);

        if (options.Intervals.Count == 0) errors.Add($"{s}:Intervals is empty; list at least one interval such as 1m.");
        for (var i = 0; i < options.Intervals.Count; i++)
        {
            if (!KlineIntervals.TryParse(options.Intervals[i], out _))
                errors.Add($"{s}:Intervals:{i} '{options.Intervals[i]}' is not a Binance kline interval; use one of {string.Join(", ", KlineIntervals.Codes)} (1m is a minute, 1M a month).");
        }
        AddDuplicates(errors, $"{s}:Intervals", options.Intervals);

        if (options.Symbols.Count * options.Intervals.Count > MaxStreamsPerConnection)
            errors.Add($"{s}: {options.Symbols.Count} symbols × {options.Intervals.Count} intervals exceed Binance's {MaxStreamsPerConnection} streams per connection.");

        if (options.BufferCapacity < 1) errors.Add($"{s}:BufferCapacity {options.BufferCapacity} must be at least 1.");
        RequirePositive(errors, $"{s}:BackfillLookback", options.BackfillLookback, allowZero: true);
        RequirePositive(errors, $"{s}:StaleAfter", options.StaleAfter);

        var b = options.Binance;
        RequireUrl(errors, $"{s}:Binance:RestBaseUrl", b.RestBaseUrl, "http", "https");
        RequireUrl(errors, $"{s}:Binance:WebSocketBaseUrl", b.WebSocketBaseUrl, "ws", "wss");
        RequirePositive(errors, $"{s}:Binance:SilenceTimeout", b.SilenceTimeout);
        RequirePositive(errors, $"{s}:Binance:ReconnectMinDelay", b.ReconnectMinDelay);
        RequirePositive(errors, $"{s}:Binance:ReconnectMaxDelay", b.ReconnectMaxDelay);
        RequirePositive(errors, $"{s}:Binance:RequestTimeout", b.RequestTimeout);
        if (b.ReconnectMaxDelay < b.ReconnectMinDelay)
            errors.Add($"{s}:Binance:ReconnectMaxDelay {b.ReconnectMaxDelay} is shorter than ReconnectMinDelay {b.ReconnectMinDelay}.");

        var r = options.Replay;
        if (r.Files.Count == 0) errors.Add($"{s}:Replay:Files is empty; list at least one kline CSV file.");
        for (var i = 0; i < r.Files.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(r.Files[i]))
                errors.Add($"{s}:Replay:Files:{i} is empty.");
            else if (!ReplayFile.TryParseName(r.Files[i], out _, out _))
                errors.Add($"{s}:Replay:Files:{i} '{r.Files[i]}' must be named SYMBOL-INTERVAL-….csv or .csv.gz (e.g. BTCUSDT-1m-2023-03.csv.gz) so the symbol and interval are known.");
        }
        if (!double.IsFinite(r.Speed) || r.Speed < 0)
            errors.Add($"{s}:Replay:Speed {r.Speed} must be 0 (as fast as possible) or a positive multiple of real time.");
        if (r.UpdatesPerCandle is < 1 or > 1000)
            errors.Add($"{s}:Replay:UpdatesPerCandle {r.UpdatesPerCandle} must be between 1 and 1000.");

        var y = options.Synthetic;
        if (y.SymbolCount is < 1 or > 999) errors.Add($"{s}:Synthetic:SymbolCount {y.SymbolCount} must be between 1 and 999.");
        if (!double.IsFinite(y.UpdatesPerSecond) || y.UpdatesPerSecond <= 0)
            errors.Add($"{s}:Synthetic:UpdatesPerSecond {y.UpdatesPerSecond} must be positive.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void AddDuplicates(List<string> errors, string path, List<string> values)
    {
        foreach (var group in values.Where(v => v is not null).GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"{path} lists '{group.Key}' {group.Count()} times.");
    }

    private static void RequirePositive(List<string> errors, string path, TimeSpan value, bool allowZero = false)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
            errors.Add($"{path} {value} must be {(allowZero ? "zero or positive" : "positive")}.");
    }

    private static void RequireUrl(List<string> errors, string path, string? value, params string[] schemes)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
            errors.Add($"{path} '{value}' must be an absolute {string.Join(" or ", schemes)} URL.");
        else if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            errors.Add($"{path} '{value}' must be a base URL without query or fragment.");
    }
}
