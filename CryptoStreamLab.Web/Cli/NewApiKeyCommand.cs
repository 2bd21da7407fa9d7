using CryptoStreamLab.Web.Security;

namespace CryptoStreamLab.Web.Cli;

/// <summary>
/// <c>new-api-key</c>: prints a new random API key on its first line and, on its second, the value to store for it in
/// <c>Auth:ApiKeys:N:KeyHash</c> (nothing else on standard output, so a script can read both). The key is shown once: the
/// app keeps only its digest. Give the key to the program that calls the API; remove the entry to revoke it.
/// </summary>
public static class NewApiKeyCommand
{
    public const string Verb = "new-api-key";

    /// <summary>What <c>new-api-key --help</c> prints.</summary>
    public static readonly VerbHelp Help = new(
        Verb,
        "Print a new API key (line 1) and the value to store for it in Auth:ApiKeys:N:KeyHash (line 2).",
        $"usage: {Verb}",
        [],
        ["The key is shown once: the app keeps only its digest. Remove the entry to revoke the key. More: docs/security.md."]);

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count > 0)
        {
            error.WriteLine($"{Verb}: takes no arguments; it prints a new key, then the value for Auth:ApiKeys:N:KeyHash.");
            return 2;
        }
        var (key, keyHash) = ApiKeyFormat.New();
        output.WriteLine(key);
        output.WriteLine(keyHash);
        error.WriteLine("Line 1 is the key: give it to the program (Authorization: Bearer <key>); it is not kept anywhere. " +
                        "Line 2 goes in Auth:ApiKeys:N:KeyHash, with a name in Auth:ApiKeys:N:Name.");
        return 0;
    }
}
