namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>An indicator call a rules strategy draws: its node, its name (the call's text) and where it goes.</summary>
internal sealed class RuleSeries(RuleNode node, bool overlay)
{
    public RuleNode Node { get; } = node;

    public string Name => Node.Key;

    public bool Overlay { get; } = overlay;

    /// <summary>Constants the rules compare it with, drawn as guide lines in the panel.</summary>
    public List<double> Guides { get; } = [];

    public SeriesSpec ToSpec() => Overlay ? SeriesSpec.Overlay(Name) : SeriesSpec.Panel(Name, [.. Guides]);
}
