using System.Globalization;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Configuration;

namespace CryptoStreamLab.Node.Strategies;

/// <summary>
/// Reads the <c>Strategies</c> section into a <see cref="StrategyLineup"/>, reporting every problem in one pass, each naming
/// its key: an unknown type or parameter (with the known ones), a value that does not parse or is out of range, a rule that
/// does not parse (with its column), a duplicate or unusable name, a stream that is not configured.
/// <code>
/// "Strategies": {
///   "Path": "strategies",
///   "0": { "Name": "seed", "Type": "CrossoverRsi", "FastPeriod": "10" },
///   "1": { "Name": "breakout", "Type": "DonchianBreakout", "Streams": "BTCUSDT-1m,ETHUSDT-1m" }
/// }
/// </code>
/// </summary>
public static class StrategyLineupBinder
{
    public const string SectionName = "Strategies";

    /// <summary>The most strategies one app runs (each is an account per stream).</summary>
    public const int MaxStrategies = 32;

    private const int MaxNameLength = 40;
    private static readonly string[] EntryKeys = ["Name", "Type", "Streams"];

    /// <param name="streams">The configured streams, which <c>Streams</c> may name; null accepts any stream id.</param>
    public static StrategyLineup Bind(IConfiguration configuration, StrategyCatalog catalog, IReadOnlyCollection<StreamKey>? streams,
        ICollection<string> problems)
    {
        var seed = new StrategyOptions();
        SectionBinder.Bind(configuration.GetSection(StrategyOptions.SectionName), seed, problems);
        var section = configuration.GetSection(SectionName);
        var entries = new List<LineupEntry>();
        foreach (var child in section.GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue))
        {
            if (string.Equals(child.Key, nameof(StrategiesOptions.Path), StringComparison.OrdinalIgnoreCase)) continue;
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                problems.Add($"{child.Path} is not a setting: {SectionName} holds Path and numbered strategies ({SectionName}:0:Type, …).");
                continue;
            }

            if (Entry(child, catalog, streams, problems) is { } entry)
            {
                if (entries.Any(e => string.Equals(e.Name, entry.Name, StringComparison.OrdinalIgnoreCase)))
                    problems.Add($"{child.Path}:Name '{entry.Name}' is used twice; each strategy needs its own name.");
                else entries.Add(entry);
            }
        }

        if (entries.Count > MaxStrategies) problems.Add($"{SectionName} lists {entries.Count} strategies; at most {MaxStrategies} run.");
        if (entries.Count == 0) return StrategyLineup.Seed(seed);
        var lineup = new StrategyLineup(entries, isConfigured: true);
        foreach (var stream in streams ?? [])
        {
            if (lineup.For(stream).Count == 0) problems.Add($"{SectionName}: no strategy runs on the stream {stream.Id}; leave out Streams on one of them, or name it there.");
        }

        return lineup;
    }

    private static LineupEntry? Entry(IConfigurationSection entry, StrategyCatalog catalog, IReadOnlyCollection<StreamKey>? streams,
        ICollection<string> problems)
    {
        var typeName = entry["Type"];
        var definition = catalog.Find(typeName);
        if (definition is null)
        {
            problems.Add(string.IsNullOrWhiteSpace(typeName)
                ? $"{entry.Path}:Type is missing; one of: {catalog.Names}."
                : $"{entry.Path}:Type '{typeName}' is not a strategy; known: {catalog.Names}.");
            return null;
        }

        var name = entry["Name"] is { } given ? given.Trim() : definition.Name;
        var ok = NameProblem(name) is not { } nameProblem || Fail(problems, $"{entry.Path}:Name {nameProblem}");
        var parameters = definition.DefaultParameters();
        foreach (var setting in entry.GetChildren())
        {
            if (EntryKeys.Contains(setting.Key, StringComparer.OrdinalIgnoreCase)) continue;
            if (definition.Find(setting.Key) is not { } parameter)
            {
                var known = definition.Parameters.Count == 0 ? "it has none" : "its parameters: " + string.Join(", ", definition.Parameters.Select(p => p.Name));
                ok = Fail(problems, $"{setting.Path} is not a parameter of {definition.Name}; {known}.");
            }
            else if (!parameter.TryParse(setting.Value, out var value, out var problem)) ok = Fail(problems, $"{setting.Path} {problem}.");
            else StrategyDefinition.Set(parameter, parameters!, value);
        }

        var streamIds = Streams(entry, streams, problems, ref ok);
        if (!ok) return null;
        var setup = new StrategySetup(definition, name, parameters);
        try
        {
            _ = setup.Create();
        }
        catch (ArgumentException e)
        {
            // A message that starts with a parameter's name ("Buy, column 14: …") gets that parameter's key.
            var refusal = StrategyRefusal.Of(definition, e);
            problems.Add(refusal.Parameter is not null ? $"{entry.Path}:{refusal.Message}" : $"{entry.Path} ({name}): {refusal.Message}");
            return null;
        }

        return new LineupEntry(setup, streamIds);
    }

    private static List<string>? Streams(IConfigurationSection entry, IReadOnlyCollection<StreamKey>? streams, ICollection<string> problems, ref bool ok)
    {
        if (entry["Streams"] is not { } text) return null;
        var ids = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (ids.Count == 0) ok = Fail(problems, $"{entry.Path}:Streams names no stream; leave it out to run on every stream.");
        foreach (var id in ids)
        {
            if (streams is not null && !streams.Any(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase)))
                ok = Fail(problems, $"{entry.Path}:Streams names '{id}', which is not a configured stream; configured: {string.Join(", ", streams.Select(s => s.Id))}.");
        }

        return ids;
    }

    /// <summary>What is wrong with a strategy name, or null: it appears in URLs, ledger rows and message keys.</summary>
    public static string? NameProblem(string name)
    {
        if (name.Length is 0 or > MaxNameLength) return $"'{name}' must be 1 to {MaxNameLength} characters.";
        return name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? null : $"'{name}' may hold only letters, digits, '-' and '_'.";
    }

    private static bool Fail(ICollection<string> problems, string problem)
    {
        problems.Add(problem);
        return false;
    }
}
