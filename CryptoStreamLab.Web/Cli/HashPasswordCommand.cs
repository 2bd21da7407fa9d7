using CryptoStreamLab.Web.Security;

namespace CryptoStreamLab.Web.Cli;

/// <summary>
/// <c>hash-password</c>: reads a password from standard input and prints its hash for <c>Auth:Users:N:PasswordHash</c>
/// (API keys are made by <see cref="NewApiKeyCommand"/>, which needs no slow hash). Piped input is read to its end, less one final line break (so <c>echo</c> and
/// <c>echo -n</c> give the same hash); at a terminal it asks on standard error and reads one line without echoing it.
/// The secret itself is never printed.
/// </summary>
public static class HashPasswordCommand
{
    public const string Verb = "hash-password";

    /// <summary>What <c>hash-password --help</c> prints.</summary>
    public static readonly VerbHelp Help = new(
        Verb,
        "Hash a password read from standard input, for Auth:Users:N:PasswordHash.",
        $"usage: echo -n 'secret' | {Verb}   (at a terminal it asks, without echo)",
        [],
        ["Piped input is read to its end, less one final line break. The secret itself is never printed. More: docs/security.md."]);

    public static int Run(IReadOnlyList<string> args, TextReader input, bool inputIsTerminal, TextWriter output, TextWriter error)
    {
        if (args.Count > 0)
        {
            error.WriteLine($"{Verb}: takes no arguments; give the secret on standard input, e.g. echo -n 'secret' | … {Verb}");
            return 2;
        }
        string secret;
        if (inputIsTerminal)
        {
            error.Write("Secret to hash (not shown): ");
            secret = ReadHidden();
            error.WriteLine();
        }
        else
        {
            secret = input.ReadToEnd();
            if (secret.EndsWith("\r\n", StringComparison.Ordinal)) secret = secret[..^2];
            else if (secret.EndsWith('\n')) secret = secret[..^1];
        }

        if (secret.Length == 0)
        {
            error.WriteLine($"{Verb}: standard input was empty: give the password or key to hash, e.g. echo -n 'secret' | … {Verb}");
            return 2;
        }
        output.WriteLine(SecretHasher.Hash(secret));
        return 0;
    }

    private static string ReadHidden()
    {
        var secret = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace) { if (secret.Length > 0) secret.Length--; }
            else if (!char.IsControl(key.KeyChar)) secret.Append(key.KeyChar);
        }
        return secret.ToString();
    }
}
