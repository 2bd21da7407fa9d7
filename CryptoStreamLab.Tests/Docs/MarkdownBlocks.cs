namespace CryptoStreamLab.Tests.Docs;

/// <summary>
/// A fenced code block of a Markdown file: its language, the words after it (how the docs test treats it) and its text.
/// <c>```bash run</c> is a command block the docs test runs, <c>```bash serve URL</c> one that starts the app in the
/// foreground (run until URL answers), <c>```bash example</c> one that is only illustrative, <c>```text output</c> what
/// the command block before it prints.
/// </summary>
public sealed record DocBlock(string File, int Line, string Language, IReadOnlyList<string> Marks, string Text)
{
    public const string Run = "run";
    public const string Serve = "serve";
    public const string Example = "example";
    public const string Output = "output";

    private static readonly HashSet<string> ShellLanguages = ["bash", "sh", "shell", "console"];

    public bool IsShell => ShellLanguages.Contains(Language);

    public bool Has(string mark) => Marks.Contains(mark);

    /// <summary>The word after a mark (<c>serve http://localhost:5000/</c> gives the address).</summary>
    public string? ValueOf(string mark) => Marks.SkipWhile(m => m != mark).Skip(1).FirstOrDefault();

    public string Where => $"{File}:{Line}";
}

/// <summary>Reads the fenced code blocks of a Markdown file (backtick fences; indented code is not used in the docs).</summary>
public static class MarkdownBlocks
{
    public static IReadOnlyList<DocBlock> Read(string path, string name)
    {
        var blocks = new List<DocBlock>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var open = lines[i].TrimStart();
            if (!open.StartsWith("```", StringComparison.Ordinal)) continue;
            var info = open[3..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var start = i;
            var text = new List<string>();
            for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++) text.Add(lines[i]);
            blocks.Add(new DocBlock(name, start + 1, info.FirstOrDefault() ?? "", info.Skip(1).ToArray(), string.Join('\n', text)));
        }
        return blocks;
    }
}
