using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>A test that drives Debian's Chromium, found on the PATH; skipped, naming the package to install, where it is missing.</summary>
public sealed class ChromiumFactAttribute() : RequiresCommandFactAttribute(Command, Command)
{
    /// <summary>The command, and the Debian package that installs it.</summary>
    public const string Command = BrowserSession.Chromium;

    /// <summary>The Chromium on the PATH, or null.</summary>
    public static string? ExecutablePath => BrowserSession.ExecutablePath;

    /// <summary>Why browser tests cannot run here, or null when they can.</summary>
    public static string? MissingReason => SkipReason(Command, Command, ExecutablePath);
}
