namespace CryptoStreamLab.Web.Cli;

/// <summary>
/// A command-line verb's arguments split into its own options (<c>--name value</c> or <c>--name=value</c>, or a flag
/// such as <c>--archive</c> that takes no value) and configuration overrides (any <c>--Section:Key=value</c> or
/// <c>--Section:Key value</c>, in .NET's command-line form).
/// </summary>
public sealed class VerbOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);

    private VerbOptions()
    {
    }

    public IReadOnlyList<string> ConfigurationOverrides { get; private set; } = [];

    /// <param name="options">The names of the options that take a value.</param>
    /// <param name="flags">The names of the options that take none.</param>
    /// <param name="usage">Appended to the message of every problem.</param>
    /// <exception cref="ArgumentException">An argument is not an option, an option is unknown, or a value is missing.</exception>
    public static VerbOptions Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flags, string usage)
    {
        var parsed = new VerbOptions();
        var overrides = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new ArgumentException($"Unexpected argument '{arg}'. {usage}");

            var equals = arg.IndexOf('=');
            var name = equals > 0 ? arg[2..equals] : arg[2..];
            if (flags.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                if (equals > 0) throw new ArgumentException($"Option '--{name}' takes no value. {usage}");
                parsed._flags.Add(name);
                continue;
            }

            if (!name.Contains(':') && !options.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"Unknown option '--{name}'. {usage}");
            string value;
            if (equals > 0) value = arg[(equals + 1)..];
            else if (i + 1 < args.Count) value = args[++i];
            else throw new ArgumentException($"Option '{arg}' needs a value. {usage}");

            if (name.Contains(':')) overrides.Add($"--{name}={value}");
            else parsed._values[name] = value;
        }

        parsed.ConfigurationOverrides = overrides;
        return parsed;
    }

    /// <summary>The options <paramref name="help"/> declares, and its usage in every message.</summary>
    /// <exception cref="ArgumentException">See <see cref="Parse(IReadOnlyList{string}, IReadOnlyCollection{string}, IReadOnlyCollection{string}, string)"/>.</exception>
    public static VerbOptions Parse(IReadOnlyList<string> args, VerbHelp help) => Parse(args, help.ValueOptions, help.Flags, help.Usage);

    public string? this[string name] => _values.GetValueOrDefault(name);

    public bool Has(string name) => _values.ContainsKey(name) || _flags.Contains(name);

    /// <exception cref="ArgumentException">The option is missing or blank.</exception>
    public string Required(string name, string usage) =>
        _values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ArgumentException($"--{name} is required. {usage}");
}
