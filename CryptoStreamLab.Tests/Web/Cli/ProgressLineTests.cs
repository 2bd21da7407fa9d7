using CryptoStreamLab.Tests.Support;
using CryptoStreamLab.Web.Cli;

namespace CryptoStreamLab.Tests.Web.Cli;

/// <summary>The progress line: drawn in place at a terminal, cleared before results, and silent when standard error is redirected.</summary>
public sealed class ProgressLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("progress-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Sweep => ["backtest", "--input", TestCandles.PathOf(TestCandles.AvaxFile), "--output", Path.Combine(_dir, "sweep.csv"),
        "--sweep", "fast=10:20:5;slow=40:60:10"];

    [Fact]
    public void A_sweep_at_a_terminal_draws_its_progress_in_place_on_standard_error_and_clears_it()
    {
        CommandLine.Run(Sweep, new VerbContext(_out, _err, _dir) { ShowProgress = true }).Should().Be(0, _err.ToString());

        var error = _err.ToString();
        error.Should().StartWith("\rbacktest: sweep, ").And.Contain("of 9 parameter sets done");
        error.Should().NotContain("\n", "the line is rewritten in place, never scrolled");
        error.Should().EndWith("\r", "the line is cleared before the results");
        _out.ToString().Should().NotContain("\r").And.Contain("best 5 by net profit");
    }

    [Fact]
    public void Without_a_terminal_a_sweep_writes_nothing_to_standard_error()
    {
        CommandLine.Run(Sweep, new VerbContext(_out, _err, _dir)).Should().Be(0, _err.ToString());

        _err.ToString().Should().BeEmpty();
        _out.ToString().Should().Contain("best 5 by net profit");
    }

    [Fact]
    public void A_message_during_a_run_clears_the_line_first()
    {
        using var progress = new ProgressLine(_err, enabled: true);
        progress.Report("export: reading");
        progress.Messages(_err).WriteLine("export: warning: skipped x");

        _err.ToString().Should().Be("\rexport: reading\r" + new string(' ', 15) + "\rexport: warning: skipped x" + Environment.NewLine);
    }

    [Fact]
    public void A_disabled_line_writes_nothing()
    {
        using (var progress = new ProgressLine(_err, enabled: false))
        {
            progress.Report("anything");
            progress.Messages(_err).Should().BeSameAs(_err);
        }

        _err.ToString().Should().BeEmpty();
    }
}
