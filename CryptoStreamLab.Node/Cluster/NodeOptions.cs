using System.Text.RegularExpressions;

namespace CryptoStreamLab.Node.Cluster;

/// <summary>What one process of the app does.</summary>
[Flags]
public enum NodeRoles
{
    None = 0,

    /// <summary>Runs the market-data source and publishes its candles to the candle topic.</summary>
    Ingest = 1,

    /// <summary>A member of the engines' consumer group: runs the engines and paper accounts of its partitions' streams.</summary>
    Engine = 2,

    /// <summary>Serves the dashboard from the state topic, showing every stream of the cluster.</summary>
    Dashboard = 4,

    All = Ingest | Engine | Dashboard,
}

/// <summary>This process's place in a cluster (appsettings section "Node"); the defaults make one process do everything.</summary>
public sealed partial class NodeOptions
{
    public const string SectionName = "Node";

    /// <summary>
    /// Comma-separated roles: Ingest, Engine, Dashboard (any case). One string rather than a list, so that a
    /// command-line override such as --Node:Roles=Engine replaces it whole.
    /// </summary>
    public string Roles { get; set; } = "Ingest,Engine,Dashboard";

    /// <summary>The node's name in the cluster; empty means host name and process id.</summary>
    public string Id { get; set; } = "";

    public NodeRoles ParsedRoles => TryParseRoles(Roles, out var roles, out _) ? roles : NodeRoles.None;

    public string EffectiveId => string.IsNullOrWhiteSpace(Id) ? $"{Environment.MachineName}-{Environment.ProcessId}" : Id.Trim();

    public bool Has(NodeRoles role) => (ParsedRoles & role) == role;

    public IEnumerable<string> Validate()
    {
        if (!TryParseRoles(Roles, out _, out var problem)) yield return $"{SectionName}:Roles {problem}";
        if (!string.IsNullOrWhiteSpace(Id) && !IdPattern().IsMatch(Id.Trim()))
            yield return $"{SectionName}:Id '{Id}' must be 1 to 64 letters, digits, dots, dashes or underscores.";
    }

    /// <summary>The roles in their canonical spelling, e.g. "Engine,Dashboard".</summary>
    public static string Describe(NodeRoles roles) =>
        string.Join(",", new[] { NodeRoles.Ingest, NodeRoles.Engine, NodeRoles.Dashboard }.Where(r => roles.HasFlag(r)));

    private static bool TryParseRoles(string? text, out NodeRoles roles, out string? problem)
    {
        roles = NodeRoles.None;
        problem = null;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Enum.TryParse<NodeRoles>(part, ignoreCase: true, out var role) || role is NodeRoles.None or NodeRoles.All || int.TryParse(part, out _))
            {
                problem = $"'{text}' names an unknown role '{part}'; use Ingest, Engine and Dashboard, separated by commas.";
                return false;
            }
            roles |= role;
        }
        if (roles != NodeRoles.None) return true;
        problem = "is empty; give at least one of Ingest, Engine and Dashboard.";
        return false;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
