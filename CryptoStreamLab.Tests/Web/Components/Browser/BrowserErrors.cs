using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace CryptoStreamLab.Tests.Web.Components.Browser;

/// <summary>Every console error and uncaught exception of a page from the moment it is watched, with the URL it names.</summary>
public sealed class BrowserErrors
{
    private readonly ConcurrentQueue<string> _messages = new();

    private BrowserErrors()
    {
    }

    public IReadOnlyList<string> Messages => _messages.ToArray();

    /// <summary>Starts collecting; call before the page navigates so load-time errors (a 404, a failed script) count.</summary>
    public static BrowserErrors Watch(IPage page)
    {
        var errors = new BrowserErrors();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") errors._messages.Enqueue($"console: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => errors._messages.Enqueue($"uncaught: {error}");
        return errors;
    }
}
