using System.Text;

namespace CryptoStreamLab.Web.Cli;

/// <summary>
/// Everything a verb says about itself, in one place: its one-line summary for the verb list, its usage line (appended to
/// every argument error), its options (which <see cref="VerbOptions.Parse(IReadOnlyList{string}, VerbHelp)"/> accepts,
/// and nothing else) and notes; <see cref="Text"/> is what <c>VERB --help</c> prints.
/// </summary>
/// <param name="TakesConfiguration">Whether <c>--Section:Key=value</c> overrides are accepted (and listed).</param>
public sealed record VerbHelp(
    string Verb,
    string Summary,
    string Usage,
    IReadOnlyList<VerbOption> Options,
    IReadOnlyList<string> Notes,
    bool TakesConfiguration = false)
{
    /// <summary>The note every verb that reads or writes files shares.</summary>
    public const string RelativePaths =
        "Relative paths on the command line are taken from the folder the command was typed in (" + VerbContext.CallerDirectoryVariable +
        ", which ./csl sets; without it, the app's current folder, which dotnet run makes the project folder).";

    private const string Configuration = "--Section:Key=value";

    public IReadOnlyList<string> ValueOptions => Options.Where(o => !o.IsFlag).Select(o => o.Name).ToList();

    public IReadOnlyList<string> Flags => Options.Where(o => o.IsFlag).Select(o => o.Name).ToList();

    /// <summary>The verb's help: usage, summary, one aligned line per option, then the notes.</summary>
    public string Text
    {
        get
        {
            var rows = Options.Select(o => (o.Synopsis, o.Help)).ToList();
            if (TakesConfiguration) rows.Add((Configuration, "any configuration key, as in appsettings.json (e.g. --Trading:FeeRate=0)"));
            rows.Add(("-h, --help", "this help"));
            var width = rows.Max(r => r.Item1.Length);
            var text = new StringBuilder();
            text.AppendLine(Usage).AppendLine().AppendLine(Summary).AppendLine().AppendLine("options:");
            foreach (var (synopsis, help) in rows) text.AppendLine($"  {synopsis.PadRight(width)}  {help}");
            foreach (var note in Notes) text.AppendLine().AppendLine(note);
            return text.ToString();
        }
    }
}
