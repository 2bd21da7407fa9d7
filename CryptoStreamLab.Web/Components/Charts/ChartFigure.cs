namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>A chart drawn once, whole: what it draws and every point of it (a finished backtest's price, panel and equity).</summary>
public sealed record ChartFigure(ChartDescriptor Descriptor, IReadOnlyList<SeriesTail> Data);
