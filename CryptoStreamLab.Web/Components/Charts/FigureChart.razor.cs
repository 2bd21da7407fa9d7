using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// A canvas chart drawn whole from a <see cref="ChartFigure"/>, e.g. a finished backtest's, and drawn afresh when given
/// another figure. The same browser module and look as the stream's live charts.
/// </summary>
public sealed partial class FigureChart : ComponentBase, IAsyncDisposable
{
    private ChartModule _module = default!;
    private ChartFigure? _drawn;
    private ChartTheme _drawnTheme;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private ILogger<FigureChart> Logger { get; set; } = default!;

    /// <summary>What to draw; a different figure (not an equal one) is drawn again.</summary>
    [Parameter, EditorRequired] public ChartFigure Figure { get; set; } = default!;

    /// <summary>Short name of the chart, exposed as data-chart.</summary>
    [Parameter, EditorRequired] public string Kind { get; set; } = "";

    [Parameter, EditorRequired] public string AriaLabel { get; set; } = "";

    [Parameter] public int Height { get; set; } = 320;

    /// <summary>The page's theme; a change re-colours the chart in place.</summary>
    [CascadingParameter] public ChartTheme Theme { get; set; }

    /// <summary>The element the chart draws in.</summary>
    public string ElementId { get; } = $"chart-{Guid.NewGuid():N}";

    protected override void OnInitialized() => _module = new ChartModule(JS);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var figure = Figure;
        try
        {
            if (!ReferenceEquals(_drawn, figure))
            {
                _drawn = figure;
                _drawnTheme = Theme;
                await _module.CreateAsync(ElementId, figure.Descriptor, stream: null, history: null, Theme);
                await _module.SetDataAsync(ElementId, figure.Data);
            }
            else if (Theme != _drawnTheme)
            {
                _drawnTheme = Theme;
                await _module.SetThemeAsync(ElementId, Theme);
            }
        }
        catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException)
        {
            // The browser left.
        }
        catch (JSException e)
        {
            Logger.LogWarning(e, "Chart {Chart} could not be drawn in the browser.", Kind);
            _drawn = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null) return;
        await _module.ForgetAsync(ElementId);
        await _module.DisposeAsync();
    }
}
