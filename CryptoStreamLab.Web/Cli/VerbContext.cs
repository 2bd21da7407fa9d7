namespace CryptoStreamLab.Web.Cli;

/// <summary>
/// What a command-line verb runs with: where its output and errors go, and the caller's folder, against which every
/// relative path on its command line is taken. The app's own current folder is its content root (the project folder under
/// <c>dotnet run</c>), which is not where the command was typed; the <c>csl</c> launcher passes the caller's folder in
/// <see cref="CallerDirectoryVariable"/>, and without it the current folder stands in.
/// </summary>
/// <param name="Out">The verb's result, and nothing else, so it can be piped (<c>--format json | jq</c>).</param>
/// <param name="Error">Errors, warnings and progress.</param>
/// <param name="CallerDirectory">An absolute folder: relative paths given on the command line are taken from it.</param>
public sealed record VerbContext(TextWriter Out, TextWriter Error, string CallerDirectory)
{
    /// <summary>The environment variable the launcher sets to the folder the command was typed in.</summary>
    public const string CallerDirectoryVariable = "CSL_CALLER_DIR";

    /// <summary>Whether <see cref="ProgressLine"/> draws: only when standard error is a terminal.</summary>
    public bool ShowProgress { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Whether standard input is a terminal (a secret is then asked for without echo).</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>The console, with the caller's folder from <see cref="CallerDirectoryVariable"/> or else the current folder.</summary>
    public static VerbContext FromConsole() =>
        new(Console.Out, Console.Error, CallerDirectoryFrom(Environment.GetEnvironmentVariable(CallerDirectoryVariable), Directory.GetCurrentDirectory()))
        {
            ShowProgress = !Console.IsErrorRedirected,
            In = Console.In,
            InputIsTerminal = !Console.IsInputRedirected,
        };

    /// <summary>For callers in this process (tests, tools): the current folder is the caller's.</summary>
    public static VerbContext Here(TextWriter output, TextWriter error) => new(output, error, Directory.GetCurrentDirectory());

    /// <summary>The variable's value when it names an existing folder by an absolute path; otherwise <paramref name="current"/>.</summary>
    public static string CallerDirectoryFrom(string? variable, string current) =>
        !string.IsNullOrWhiteSpace(variable) && Path.IsPathFullyQualified(variable) && Directory.Exists(variable) ? variable : current;

    /// <summary>A path from the command line as a full path: a relative one taken from <see cref="CallerDirectory"/>.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, CallerDirectory);

    /// <summary>A progress line on <see cref="Error"/>, drawn only when <see cref="ShowProgress"/>.</summary>
    public ProgressLine Progress() => new(Error, ShowProgress);
}
