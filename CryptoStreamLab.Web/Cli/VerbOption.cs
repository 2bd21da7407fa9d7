namespace CryptoStreamLab.Web.Cli;

/// <summary>One option of a verb, declared once: the parser takes its name from here and the help its line.</summary>
/// <param name="Name">Without the dashes: <c>input</c> for <c>--input</c>.</param>
/// <param name="Value">The value's placeholder in help (<c>FILE</c>); null for a flag, which takes no value.</param>
/// <param name="Help">One line saying what it does.</param>
public sealed record VerbOption(string Name, string? Value, string Help)
{
    public bool IsFlag => Value is null;

    /// <summary>How it is typed: <c>--input FILE</c>, or <c>--archive</c> for a flag.</summary>
    public string Synopsis => IsFlag ? $"--{Name}" : $"--{Name} {Value}";
}
