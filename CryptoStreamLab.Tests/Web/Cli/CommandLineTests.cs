using CryptoStreamLab.Web.Cli;

namespace CryptoStreamLab.Tests.Web.Cli;

/// <summary>The command line's dispatch in this process: help, verb help, unknown commands, and what starts the web app.</summary>
public sealed class CommandLineTests
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private int? Run(params string[] args) => CommandLine.Run(args, new VerbContext(_out, _err, Directory.GetCurrentDirectory()));

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_lists_every_verb_with_its_summary_on_standard_output(string help)
    {
        Run(help).Should().Be(0);

        CommandLine.Verbs.Select(v => v.Name).Should().Equal("backtest", "export", "new-api-key", "hash-password");
        var lines = _out.ToString().Split('\n');
        foreach (var verb in CommandLine.Verbs)
            lines.Should().Contain(l => l.TrimStart().StartsWith(verb.Name + " ") && l.Contains(verb.Help.Summary), $"the list has {verb.Name}");
        lines.Should().Contain(l => l.TrimStart().StartsWith("help "));
        _err.ToString().Should().BeEmpty();
    }

    [Theory]
    [InlineData("backtest", "--help")]
    [InlineData("backtest", "-h")]
    [InlineData("help", "backtest")]
    [InlineData("backtest", "--input", "x.csv", "--help")]
    public void Backtest_help_lists_every_option_the_verb_accepts(params string[] args)
    {
        Run(args).Should().Be(0);

        var help = _out.ToString();
        help.Should().StartWith(BacktestArguments.Usage);
        foreach (var option in BacktestArguments.Help.Options) help.Should().Contain($"  {option.Synopsis} ").And.Contain(option.Help);
        help.Should().Contain("--Section:Key=value").And.Contain("CSL_CALLER_DIR");
        BacktestArguments.Help.Options.Select(o => o.Name).Should().Contain(["input", "output", "archive", "sweep", "walk-forward", "format"]);
        _err.ToString().Should().BeEmpty();
    }

    [Fact]
    public void Every_verb_has_help_naming_its_usage()
    {
        foreach (var verb in CommandLine.Verbs)
        {
            _out.GetStringBuilder().Clear();
            Run(verb.Name, "--help").Should().Be(0);
            _out.ToString().Should().StartWith(verb.Help.Usage).And.Contain(verb.Help.Summary);
        }
    }

    [Fact]
    public void An_option_the_help_lists_is_one_the_parser_accepts_and_no_other()
    {
        var accepted = BacktestArguments.Help.Options.Where(o => !o.IsFlag).Select(o => o.Name);
        var parsed = VerbOptions.Parse(accepted.SelectMany(name => new[] { "--" + name, "v" }).ToList(), BacktestArguments.Help);
        accepted.Should().OnlyContain(name => parsed.Has(name));

        var unknown = () => VerbOptions.Parse(["--speed", "3"], BacktestArguments.Help);
        unknown.Should().Throw<ArgumentException>().WithMessage("Unknown option '--speed'. usage: backtest *");
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("backtets")]
    [InlineData("Backtest")]
    public void An_unknown_command_exits_2_naming_it_with_the_verb_list_on_standard_error(string command)
    {
        Run(command, "--input", "x.csv").Should().Be(2, "a typo must not start the server");

        var error = _err.ToString();
        error.Should().StartWith($"unknown command '{command}'");
        foreach (var verb in CommandLine.Verbs) error.Should().Contain(verb.Name);
        _out.ToString().Should().BeEmpty();
    }

    [Fact]
    public void Help_for_an_unknown_verb_exits_2()
    {
        Run("help", "bogus").Should().Be(2);
        _err.ToString().Should().StartWith("unknown command 'bogus'");
    }

    [Fact]
    public void An_unknown_option_to_a_verb_exits_2_with_the_verbs_usage()
    {
        Run("backtest", "--input", "x.csv", "--speed", "3").Should().Be(2);
        _err.ToString().Should().StartWith("backtest: Unknown option '--speed'. " + BacktestArguments.Usage);

        _err.GetStringBuilder().Clear();
        Run("export", "--bogus", "1").Should().Be(2);
        _err.ToString().Should().StartWith("export: Unknown option '--bogus'. " + ExportCommand.Usage);
    }

    [Theory]
    [InlineData]
    [InlineData("--Urls=http://127.0.0.1:5001")]
    [InlineData("--Storage:Path=/tmp/x", "--MarketData:Source=Replay")]
    [InlineData("--urls", "http://127.0.0.1:5001")]
    [InlineData("MarketData:Source=Replay")]
    public void No_argument_or_configuration_options_alone_start_the_web_app(params string[] args)
    {
        Run(args).Should().BeNull();
        _out.ToString().Should().BeEmpty();
        _err.ToString().Should().BeEmpty();
    }

    [Fact]
    public void The_caller_folder_comes_from_the_variable_only_when_it_names_an_existing_folder()
    {
        var existing = Path.GetTempPath();
        VerbContext.CallerDirectoryFrom(existing, "/current").Should().Be(existing);
        VerbContext.CallerDirectoryFrom(null, "/current").Should().Be("/current");
        VerbContext.CallerDirectoryFrom("", "/current").Should().Be("/current");
        VerbContext.CallerDirectoryFrom("relative/dir", "/current").Should().Be("/current");
        VerbContext.CallerDirectoryFrom(Path.Combine(existing, Guid.NewGuid().ToString("N")), "/current").Should().Be("/current");
    }
}
