namespace CryptoStreamLab.Web.Components.Charts;

/// <summary>A horizontal line across a strategy's panel at a value of its scale.</summary>
public sealed record PanelGuide(decimal Value, string Color);
