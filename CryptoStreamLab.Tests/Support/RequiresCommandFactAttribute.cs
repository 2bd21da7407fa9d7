namespace CryptoStreamLab.Tests.Support;

/// <summary>
/// A fact that needs a command on the PATH, found as <see cref="Executables.Find"/> finds it (the shell's <c>command -v</c>,
/// which .ci/run uses to install what is missing); without it the fact is reported as skipped, naming the package to install.
/// </summary>
public class RequiresCommandFactAttribute : FactAttribute
{
    public RequiresCommandFactAttribute(string command, string debianPackage) =>
        Skip = SkipReason(command, debianPackage, Executables.Find(command));

    /// <summary>Why a test cannot run when <paramref name="found"/> (the lookup's result) is null; null when it can.</summary>
    public static string? SkipReason(string command, string debianPackage, string? found) => found is null
        ? $"{command} is not on the PATH: install the Debian package '{debianPackage}' (apt-get install -y {debianPackage}) to run this test."
        : null;
}
