using Microsoft.JSInterop;

namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>
/// The charts' browser module (wwwroot/charts/charts.js, over the Lightweight Charts library that App.razor loads), imported
/// on first use by the component that owns a chart, which it then creates, updates, re-colours and forgets by element id.
/// </summary>
internal sealed class ChartModule(IJSRuntime js) : IAsyncDisposable
{
    public const string Path = "./charts/charts.js";

    private Task<IJSObjectReference>? _module;

    /// <summary>Creates the chart in the element <paramref name="id"/> (again, if it exists). <paramref name="stream"/> links a stream's charts; <paramref name="history"/> is the handle the candle chart loads older candles through.</summary>
    public Task CreateAsync(string id, ChartDescriptor descriptor, string? stream, object? history, ChartTheme theme) =>
        InvokeAsync("create", id, descriptor, stream, history, theme == ChartTheme.Dark);

    /// <summary>Drops the points before <paramref name="minX"/>, replaces those from <paramref name="fromX"/> on with <paramref name="tails"/>' (epoch ms).</summary>
    public Task UpdateAsync(string id, long minX, long fromX, IReadOnlyList<SeriesTail> tails) => InvokeAsync("update", id, minX, fromX, tails);

    /// <summary>Replaces everything the chart holds with <paramref name="tails"/>' points.</summary>
    public Task SetDataAsync(string id, IReadOnlyList<SeriesTail> tails) => InvokeAsync("setData", id, tails);

    public Task SetThemeAsync(string id, ChartTheme theme) => InvokeAsync("setTheme", id, theme == ChartTheme.Dark);

    private async Task InvokeAsync(string function, params object?[] args)
    {
        var module = await (_module ??= js.InvokeAsync<IJSObjectReference>("import", Path).AsTask());
        await module.InvokeVoidAsync(function, args);
    }

    /// <summary>Removes the chart from the page and lets go of the module; nothing to do on a browser that is gone.</summary>
    public async ValueTask ForgetAsync(string id)
    {
        if (_module is null) return;
        try
        {
            var module = await _module;
            await module.InvokeVoidAsync("forget", id);
        }
        catch (Exception e) when (e is JSDisconnectedException or JSException or OperationCanceledException)
        {
            // Nothing to release on a browser that is gone or a module that never loaded.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null) return;
        try
        {
            await (await _module).DisposeAsync();
        }
        catch (Exception e) when (e is JSDisconnectedException or JSException or OperationCanceledException)
        {
            // As above.
        }
    }
}
