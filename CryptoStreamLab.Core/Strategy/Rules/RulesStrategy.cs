using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Core.Strategy.Rules;

/// <summary>
/// A strategy written as two rules, Buy and Sell, over candle fields and an indicator library, e.g.
/// Buy <c>crossover(sma(close, 20), sma(close, 50)) and rsi_sma(close, 14) &gt; 50</c>. Both rules compile once into one
/// graph of streaming nodes in which each distinct call is one indicator instance (shared by Buy and Sell); each closed
/// candle commits every node once, children first, then reads the two conditions. Nothing is allocated per candle.
/// </summary>
/// <remarks>
/// BUY when Buy holds and Sell does not, SELL when Sell holds and Buy does not, HOLD when both or neither hold: the
/// strategy does not know the position, and two contradicting rules on one candle are no signal. A value that is not
/// ready yet (NaN) makes every comparison false. <c>sma</c>, <c>rsi</c> and <c>rsi_sma</c> of a price field use the
/// seed's exact tick-based indicators, so the seed's rule written this way trades exactly as <see cref="CrossoverRsiStrategy"/>.
/// </remarks>
public sealed class RulesStrategy : IStrategy
{
    /// <summary>The name users pick it by.</summary>
    public const string TypeName = "Rules";

    public const string BuyReason = "Buy rule";
    public const string SellReason = "Sell rule";

    private readonly RuleNode[] _nodes;
    private readonly RuleNode[] _drawn;
    private readonly RuleNode _buy;
    private readonly RuleNode _sell;

    /// <exception cref="ArgumentException">A rule is not valid; the message names the rule, the column and what was expected.</exception>
    public RulesStrategy(RulesParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var compiler = new RuleCompiler();
        _buy = compiler.Compile(parameters.Buy, "Buy");
        _sell = compiler.Compile(parameters.Sell, "Sell");
        // Constants never change: only the other nodes are committed.
        _nodes = [.. compiler.Nodes.Where(n => n is not ConstantNode)];
        var drawn = compiler.Series.Take(SeriesValues.Capacity).ToArray();
        _drawn = [.. drawn.Select(s => s.Node)];
        Series = [.. drawn.Select(s => s.ToSpec())];
        WarmUpPeriod = Math.Max(_buy.WarmUp, _sell.WarmUp);
    }

    /// <summary>Each distinct indicator call, its normalised text as the name (at most <see cref="SeriesValues.Capacity"/>, the first ones).</summary>
    public IReadOnlyList<SeriesSpec> Series { get; }

    /// <summary>The longest chain of warm-ups in either rule: nested indicators add up, <c>prev(x, k)</c> adds k.</summary>
    public int WarmUpPeriod { get; }

    /// <summary>The graph's nodes in commit order, constants aside (for tests).</summary>
    internal IReadOnlyList<RuleNode> Nodes => _nodes;

    public StrategyDecision OnCandle(in Candle candle, Span<double> series)
    {
        var nodes = _nodes;
        for (var i = 0; i < nodes.Length; i++) nodes[i].Commit(candle);
        return Decide(series);
    }

    public StrategyDecision Preview(in Candle candle, Span<double> series)
    {
        var nodes = _nodes;
        for (var i = 0; i < nodes.Length; i++) nodes[i].Preview(candle);
        return Decide(series);
    }

    private StrategyDecision Decide(Span<double> series)
    {
        var drawn = _drawn;
        for (var i = 0; i < drawn.Length; i++) series[i] = drawn[i].Current;
        var buy = _buy.Current == 1d;
        var sell = _sell.Current == 1d;
        if (buy == sell) return StrategyDecision.Hold;
        return buy ? StrategyDecision.Buy(BuyReason) : StrategyDecision.Sell(SellReason);
    }
}
