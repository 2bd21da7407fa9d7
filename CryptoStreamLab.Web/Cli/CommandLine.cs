using System.Text;

namespace CryptoStreamLab.Web.Cli;

/// <summary>A verb of the command line: its help, which names it, and what runs it.</summary>
public sealed record CommandVerb(VerbHelp Help, Func<IReadOnlyList<string>, VerbContext, int> Run)
{
    public string Name => Help.Verb;
}

/// <summary>
/// The app's command line: a first argument that names a verb runs it; <c>help</c>, <c>--help</c> or <c>-h</c> lists the
/// verbs (<c>help VERB</c> and <c>VERB --help</c> show a verb's options); no argument, or options alone (<c>--Urls=…</c>,
/// <c>--Storage:Path=…</c>, <c>Key=value</c>), start the web app. Any other first argument is a mistake: exit code 2,
/// "unknown command" and the verb list on standard error, rather than a server started by a typo.
/// </summary>
public static class CommandLine
{
    public const string HelpVerb = "help";

    /// <summary>Every verb, in the order the help lists them.</summary>
    public static IReadOnlyList<CommandVerb> Verbs { get; } =
    [
        new(BacktestArguments.Help, BacktestCommand.Run),
        new(ExportCommand.Help, ExportCommand.Run),
        new(NewApiKeyCommand.Help, (args, c) => NewApiKeyCommand.Run(args, c.Out, c.Error)),
        new(HashPasswordCommand.Help, (args, c) => HashPasswordCommand.Run(args, c.In, c.InputIsTerminal, c.Out, c.Error)),
    ];

    /// <returns>The exit code of the verb or help; null when the arguments start the web app.</returns>
    public static int? Run(IReadOnlyList<string> args, VerbContext context)
    {
        if (args.Count == 0) return null;
        var first = args[0];
        if (first is HelpVerb || IsHelp(first))
        {
            if (args.Count == 1 || IsHelp(args[1]))
            {
                context.Out.Write(Overview);
                return 0;
            }

            if (Find(args[1]) is { } asked)
            {
                context.Out.Write(asked.Help.Text);
                return 0;
            }

            return Unknown(args[1], context);
        }

        if (Find(first) is { } verb)
        {
            var rest = args.Skip(1).ToList();
            if (rest.Any(IsHelp))
            {
                context.Out.Write(verb.Help.Text);
                return 0;
            }

            return verb.Run(rest, context);
        }

        // Configuration for the web app, in .NET's command-line forms: --Key=value, --Key value, Key=value.
        if (first.StartsWith('-') || first.Contains('=')) return null;
        return Unknown(first, context);
    }

    /// <summary>What <c>help</c> prints: the verbs, one line each, and how to reach their options.</summary>
    public static string Overview
    {
        get
        {
            var width = Verbs.Max(v => v.Name.Length);
            var text = new StringBuilder();
            text.AppendLine("usage: ./csl [VERB [OPTIONS]]   (or: dotnet run --project CryptoStreamLab.Web -- [VERB [OPTIONS]])");
            text.AppendLine();
            text.AppendLine("Without a verb (nothing, or options such as --Urls=http://localhost:5001 --MarketData:Source=Replay)");
            text.AppendLine("the dashboard starts, at http://localhost:5000 unless configured otherwise.");
            text.AppendLine();
            text.AppendLine("verbs:");
            foreach (var verb in Verbs) text.AppendLine($"  {verb.Name.PadRight(width)}  {verb.Help.Summary}");
            text.AppendLine($"  {HelpVerb.PadRight(width)}  This list; 'help VERB' or 'VERB --help' shows a verb's options.");
            text.AppendLine();
            text.AppendLine(VerbHelp.RelativePaths);
            return text.ToString();
        }
    }

    private static CommandVerb? Find(string name) => Verbs.FirstOrDefault(v => v.Name == name);

    private static bool IsHelp(string arg) => arg is "--help" or "-h";

    private static int Unknown(string name, VerbContext context)
    {
        context.Error.WriteLine($"unknown command '{name}'");
        context.Error.WriteLine();
        context.Error.Write(Overview);
        return 2;
    }
}
