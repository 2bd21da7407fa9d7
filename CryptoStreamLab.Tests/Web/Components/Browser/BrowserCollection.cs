namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>
/// Browser tests run one after another: each drives a real app and Chromium, and two at once on a two-core
/// machine would starve each other's replay, circuit and redraws.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
