
namespace CryptoStreamLab.Tests.Docs;

public sealed class ExpectedOutputTests
{
    [Fact]
    public void Figures_match_to_the_character()
    {
        ExpectedOutput.Mismatch("Net profit  -880.83 (-8.81 %)", "Net profit  -880.83 (-8.81 %)\n").Should().BeNull();
        ExpectedOutput.Mismatch("Net profit  -880.83 (-8.81 %)", "Net profit  -880.84 (-8.81 %)").Should().Contain("-880.83");
    }

    [Fact]
    public void An_ellipsis_in_a_line_stands_for_any_text()
    {
        ExpectedOutput.Mismatch("40320 candles, 5 fills, … candles/s", "40320 candles, 5 fills, 67587 candles/s").Should().BeNull();
        ExpectedOutput.Mismatch("40320 candles, 5 fills, … candles/s", "40320 candles, 6 fills, 67587 candles/s").Should().NotBeNull();
        ExpectedOutput.Mismatch("a (b) … [c]", "a (b) x [c]").Should().BeNull("the rest of the line is matched literally, brackets included");
    }

    [Fact]
    public void A_line_of_only_an_ellipsis_stands_for_any_number_of_lines()
    {
        ExpectedOutput.Mismatch("first\n…\nlast", "first\nlast").Should().BeNull();
        ExpectedOutput.Mismatch("first\n…\nlast", "first\none\ntwo\nlast").Should().BeNull();
        ExpectedOutput.Mismatch("first\n…\nlast", "first\none\ntwo").Should().Contain("\"last\"");
    }

    [Fact]
    public void Lines_the_docs_do_not_show_are_a_mismatch()
    {
        ExpectedOutput.Mismatch("first", "first\nsecond").Should().Contain("did not show").And.Contain("second");
    }
}
