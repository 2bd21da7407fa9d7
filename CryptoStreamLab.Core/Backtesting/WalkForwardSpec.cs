using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Backtesting;

/// <summary>One fold's windows: train [t, t + TRAIN), test [t + TRAIN, t + TRAIN + TEST) cut at the data's end (then <see cref="Partial"/>).</summary>
public readonly record struct FoldWindows(int Number, TimeWindow Train, TimeWindow Test, bool Partial);

/// <summary>
/// A walk-forward's window lengths, written <c>TRAIN:TEST[:STEP]</c> (e.g. <c>14d:7d</c>, <c>3d:1d:12h</c>); STEP defaults
/// to TEST. A duration is one or more whole numbers each followed by a unit: <c>w</c> weeks, <c>d</c> days, <c>h</c> hours,
/// <c>m</c> minutes (e.g. <c>1d12h</c>).
/// </summary>
public sealed partial record WalkForwardSpec(TimeSpan Train, TimeSpan Test, TimeSpan Step)
{
    public const string Syntax = "TRAIN:TEST[:STEP] with durations such as 14d:7d or 3d:1d:12h (units w, d, h, m)";

    /// <summary>More folds than this is almost certainly a step typed too short.</summary>
    public const int MaxFolds = 1_000;

    /// <summary>The longest duration accepted (ten years).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(3_650);

    /// <exception cref="FormatException">Not of the form TRAIN:TEST[:STEP], or a duration is not usable.</exception>
    public static WalkForwardSpec Parse(string? text)
    {
        var parts = (text ?? "").Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
            throw new FormatException($"'{text}' is not {Syntax}.");
        var train = ParseDuration(parts[0], "the train window");
        var test = ParseDuration(parts[1], "the test window");
        var step = parts.Length == 3 ? ParseDuration(parts[2], "the step") : test;
        return new WalkForwardSpec(train, test, step);
    }

    /// <exception cref="FormatException">Not a positive duration of whole units, or longer than <see cref="MaxDuration"/>.</exception>
    public static TimeSpan ParseDuration(string text, string name)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success)
        {
            var hint = text.EndsWith('M') ? " (months have no fixed length; use days)" : "";
            throw new FormatException($"{name} '{text}' is not a duration such as 7d, 12h, 90m or 1d12h{hint}.");
        }

        var maxMinutes = (long)MaxDuration.TotalMinutes;
        var totalMinutes = 0L;
        foreach (Capture capture in match.Groups["part"].Captures)
        {
            var perUnit = capture.Value[^1] switch { 'w' => 10_080L, 'd' => 1_440L, 'h' => 60L, _ => 1L };
            var amount = long.Parse(capture.Value[..^1], NumberStyles.None, CultureInfo.InvariantCulture); // at most 9 digits
            if (amount > maxMinutes / perUnit || (totalMinutes += amount * perUnit) > maxMinutes)
                throw new FormatException($"{name} '{text}' is longer than {MaxDuration.TotalDays:0} days.");
        }

        var total = TimeSpan.FromMinutes(totalMinutes);
        if (total <= TimeSpan.Zero) throw new FormatException($"{name} '{text}' must be longer than zero.");
        return total;
    }

    /// <summary>Every problem with these lengths for candles of <paramref name="interval"/>; empty when usable.</summary>
    public IEnumerable<string> Validate(KlineInterval interval)
    {
        var candle = interval.NominalDuration();
        foreach (var (name, length) in new[] { ("train window", Train), ("test window", Test), ("step", Step) })
        {
            if (length < candle) yield return $"the {name} ({Format(length)}) is shorter than one {interval.ToCode()} candle.";
        }
    }

    /// <summary>
    /// The folds over data opening in [<paramref name="start"/>, <paramref name="end"/>): the first train window starts at
    /// <paramref name="start"/>, each next one <see cref="Step"/> later, as long as a test window starts before the end; the
    /// last test window is cut at the end and marked partial when the data stops first.
    /// </summary>
    public IReadOnlyList<FoldWindows> Folds(long start, long end)
    {
        var folds = new List<FoldWindows>();
        var (train, test, step) = ((long)Train.TotalMilliseconds, (long)Test.TotalMilliseconds, (long)Step.TotalMilliseconds);
        for (var t = start; t + train < end; t += step)
        {
            if (folds.Count == MaxFolds)
                throw new FormatException($"{this} makes more than {MaxFolds} folds over this data; take a longer step.");
            var testTo = t + train + test;
            folds.Add(new FoldWindows(folds.Count + 1, new TimeWindow(t, t + train), new TimeWindow(t + train, Math.Min(testTo, end)), testTo > end));
        }

        return folds;
    }

    /// <summary>A duration in the largest units that write it exactly: 7d, 1d12h, 90m → 1h30m.</summary>
    public static string Format(TimeSpan duration)
    {
        var text = new StringBuilder();
        var rest = (long)duration.TotalMinutes;
        foreach (var (unit, minutes) in new[] { ('d', 1_440L), ('h', 60L), ('m', 1L) })
        {
            if (rest < minutes) continue;
            text.Append(CultureInfo.InvariantCulture, $"{rest / minutes}{unit}");
            rest %= minutes;
        }

        return text.Length == 0 ? "0m" : text.ToString();
    }

    public override string ToString() => $"{Format(Train)}:{Format(Test)}:{Format(Step)}";

    [GeneratedRegex(@"^(?<part>\d{1,9}[wdhm])+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
