using System.Text.RegularExpressions;

namespace CryptoStreamLab.Tests.Docs;

/// <summary>
/// Compares what a command printed with what the docs show. The figures must match to the character; an ellipsis
/// (<c>…</c>) inside a line stands for any text (a timing, a random key), and a line that is only <c>…</c> for any
/// number of lines (output the docs leave out).
/// </summary>
public static class ExpectedOutput
{
    public const string Ellipsis = "…";

    /// <summary>Null when <paramref name="actual"/> matches, else what differs, with the first line that did not match.</summary>
    public static string? Mismatch(string expected, string actual)
    {
        var want = Lines(expected);
        var got = Lines(actual);
        return Match(want, 0, got, 0) ? null : Describe(want, got);
    }

    private static string[] Lines(string text) =>
        text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToArray();

    private static bool Match(string[] want, int w, string[] got, int g)
    {
        if (w == want.Length) return g == got.Length;
        if (want[w] == Ellipsis)
        {
            for (var skip = g; skip <= got.Length; skip++)
                if (Match(want, w + 1, got, skip)) return true;
            return false;
        }
        return g < got.Length && LineMatches(want[w], got[g]) && Match(want, w + 1, got, g + 1);
    }

    private static bool LineMatches(string want, string got)
    {
        if (!want.Contains(Ellipsis, StringComparison.Ordinal)) return want == got;
        var pattern = "^" + string.Join(".*", want.Split(Ellipsis).Select(Regex.Escape)) + "$";
        return Regex.IsMatch(got, pattern);
    }

    private static string Describe(string[] want, string[] got)
    {
        // The first expected line (ellipses aside) that no printed line matches in order.
        var g = 0;
        foreach (var line in want)
        {
            if (line == Ellipsis) continue;
            var found = Array.FindIndex(got, g, l => LineMatches(line, l));
            if (found < 0) return $"the docs show \"{line}\", which the command did not print (in order). It printed:\n{string.Join('\n', got)}";
            g = found + 1;
        }
        return $"the command printed lines the docs did not show. It printed:\n{string.Join('\n', got)}";
    }
}
