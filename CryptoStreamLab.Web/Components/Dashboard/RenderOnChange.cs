using Microsoft.AspNetCore.Components;

namespace CryptoStreamLab.Web.Components.Dashboard;

/// <summary>
/// A component whose markup depends only on a small piece of its parameters (<see cref="Shown"/>). The dashboard
/// re-renders its children with every price update; this one renders again only when that piece changed, which
/// spares the server a diff per update and per browser. Renders it asks for itself (event handlers) follow the
/// same rule.
/// </summary>
public abstract class RenderOnChange<TShown> : ComponentBase
{
    private TShown? _shown;
    private bool _changed;

    /// <summary>What the markup shows, compared by value between parameter sets.</summary>
    protected abstract TShown Shown { get; }

    protected override void OnParametersSet()
    {
        var now = Shown;
        _changed = !EqualityComparer<TShown>.Default.Equals(now, _shown);
        _shown = now;
    }

    protected override bool ShouldRender() => _changed;
}
