using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>What a rule node yields: a number (NaN while not ready) or a condition (1 true, 0 false, never NaN).</summary>
internal enum RuleKind
{
    Number,
    Condition,
}

/// <summary>
/// One node of a compiled rule: a candle field, a constant, an operator or an indicator call. The graph commits every
/// node once per closed candle, children first, so a node reads its children's <see cref="Current"/>; a preview runs
/// the same order through <see cref="Preview"/>, which changes no state a later commit depends on.
/// </summary>
internal abstract class RuleNode(string key, RuleKind kind, int warmUp)
{
    /// <summary>The normalised text of the node (e.g. <c>sma(close, 20)</c>): equal keys are one shared node.</summary>
    public string Key { get; } = key;

    public RuleKind Kind { get; } = kind;

    /// <summary>The longest chain of warm-ups below and including this node.</summary>
    public int WarmUp { get; } = warmUp;

    /// <summary>The value on the candle being committed or previewed.</summary>
    public double Current;

    /// <summary>Takes a closed candle: updates any state and sets <see cref="Current"/>.</summary>
    public abstract void Commit(in Candle candle);

    /// <summary>Sets <see cref="Current"/> as a commit of <paramref name="candle"/> would, without changing any state.</summary>
    public abstract void Preview(in Candle candle);

    public override string ToString() => Key;

    /// <summary>A condition's value.</summary>
    protected static double Truth(bool value) => value ? 1d : 0d;
}
