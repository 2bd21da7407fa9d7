using CryptoStreamLab.Core.Indicators;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Node.Strategies;
using Microsoft.Extensions.Configuration;

namespace CryptoStreamLab.Tests.Node.Strategies;

public class StrategyLineupBinderTests
{
    private static readonly StreamKey Btc = new("BTCUSDT", KlineInterval.OneMinute);
    private static readonly StreamKey Eth = new("ETHUSDT", KlineInterval.OneMinute);

    private static (StrategyLineup Lineup, List<string> Problems) Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var problems = new List<string>();
        return (StrategyLineupBinder.Bind(configuration, StrategyCatalog.BuiltIn, [Btc, Eth], problems), problems);
    }

    [Fact]
    public void Without_a_strategies_section_the_seed_runs_with_the_strategy_section()
    {
        var (lineup, problems) = Bind(("Strategy:FastPeriod", "10"));

        problems.Should().BeEmpty();
        lineup.IsConfigured.Should().BeFalse();
        lineup.Entries.Should().ContainSingle();
        lineup.Entries[0].Setup.SeedOptions!.FastPeriod.Should().Be(10);
        lineup.For(Btc).Should().ContainSingle();
    }

    [Fact]
    public void Entries_bind_their_parameters_names_and_streams_in_order()
    {
        var (lineup, problems) = Bind(
            ("Strategies:Path", "somewhere"),
            ("Strategies:1:Type", "crossoverrsi"), ("Strategies:1:Name", "slow-one"), ("Strategies:1:SlowPeriod", "80"),
            ("Strategies:1:Streams", "ETHUSDT-1m"),
            ("Strategies:0:Type", "CrossoverRsi"), ("Strategies:0:FastPeriod", "5"), ("Strategies:0:RsiMethod", "wilder"));

        problems.Should().BeEmpty();
        lineup.IsConfigured.Should().BeTrue();
        lineup.Entries.Select(e => e.Name).Should().Equal("CrossoverRsi", "slow-one");
        lineup.Entries[0].Setup.SeedOptions!.FastPeriod.Should().Be(5);
        lineup.Entries[0].Setup.SeedOptions!.RsiMethod.Should().Be(RsiMethod.Wilder);
        lineup.Entries[1].Setup.SeedOptions!.SlowPeriod.Should().Be(80);
        lineup.For(Btc).Select(s => s.Name).Should().Equal("CrossoverRsi");
        lineup.For(Eth).Select(s => s.Name).Should().Equal("CrossoverRsi", "slow-one");
    }

    [Fact]
    public void Every_problem_is_reported_in_one_pass_naming_its_key()
    {
        var (_, problems) = Bind(
            ("Strategies:0:Type", "CrossoverRsi"), ("Strategies:0:Fats", "3"), ("Strategies:0:SlowPeriod", "abc"),
            ("Strategies:1:Type", "Nope"),
            ("Strategies:2:Type", "CrossoverRsi"), ("Strategies:2:FastPeriod", "60"), ("Strategies:2:Name", "x"),
            ("Strategies:3:Type", "CrossoverRsi"), ("Strategies:3:Name", "a b"), ("Strategies:3:BuyRsiMax", "101"),
            ("Strategies:4:Type", "CrossoverRsi"), ("Strategies:4:Name", "dup"),
            ("Strategies:7:Type", "CrossoverRsi"), ("Strategies:7:Name", "DUP"),
            ("Strategies:5:Type", "CrossoverRsi"), ("Strategies:5:Name", "y"), ("Strategies:5:Streams", "DOGEUSDT-1m"),
            ("Strategies:Extra", "1"),
            ("Strategies:6:Name", "untyped"));

        problems.Should().HaveCount(10);
        problems.Should().Contain(p => p.StartsWith("Strategies:0:Fats is not a parameter of CrossoverRsi; its parameters: FastPeriod"));
        problems.Should().Contain("Strategies:0:SlowPeriod must be a whole number between 2 and 10000 (is 'abc').");
        problems.Should().Contain(p => p.StartsWith("Strategies:1:Type 'Nope' is not a strategy; known: CrossoverRsi"));
        problems.Should().Contain("Strategies:2:FastPeriod (60) must be shorter than SlowPeriod (50).");
        problems.Should().Contain("Strategies:3:Name 'a b' may hold only letters, digits, '-' and '_'.");
        problems.Should().Contain("Strategies:3:BuyRsiMax must be between 0 and 100 (is 101).");
        problems.Should().Contain("Strategies:7:Name 'DUP' is used twice; each strategy needs its own name.");
        problems.Should().Contain(p => p.StartsWith("Strategies:6:Type is missing; one of: CrossoverRsi"));
        problems.Should().Contain(p => p.StartsWith("Strategies:5:Streams names 'DOGEUSDT-1m', which is not a configured stream"));
        problems.Should().Contain(p => p.StartsWith("Strategies:Extra is not a setting"));
    }
}
