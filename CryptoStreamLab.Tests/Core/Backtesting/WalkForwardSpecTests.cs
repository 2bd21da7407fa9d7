using CryptoStreamLab.Core.Backtesting;
using CryptoStreamLab.Core.Market;

namespace CryptoStreamLab.Tests.Core.Backtesting;

public class WalkForwardSpecTests
{
    private const long Day = 86_400_000, Hour = 3_600_000;
    private const long Start = 1_769_904_000_000; // 2026-02-01T00:00:00Z

    [Theory]
    [InlineData("14d:7d", 14 * 24, 7 * 24, 7 * 24)]
    [InlineData("3d:1d:12h", 3 * 24, 24, 12)]
    [InlineData(" 2w : 1d12h : 90m ", 14 * 24, 36, 1.5)]
    [InlineData("48h:6h:6h", 48, 6, 6)]
    public void Train_test_and_step_are_durations_and_the_step_defaults_to_the_test_window(string text, double train, double test, double step)
    {
        var spec = WalkForwardSpec.Parse(text);

        spec.Train.Should().Be(TimeSpan.FromHours(train));
        spec.Test.Should().Be(TimeSpan.FromHours(test));
        spec.Step.Should().Be(TimeSpan.FromHours(step));
    }

    [Theory]
    [InlineData("14d", "'14d' is not TRAIN:TEST[:STEP]*")]
    [InlineData("14d:7d:1d:1d", "*is not TRAIN:TEST[:STEP]*")]
    [InlineData("14d::1d", "*is not TRAIN:TEST[:STEP]*")]
    [InlineData("14x:7d", "the train window '14x' is not a duration such as 7d, 12h, 90m or 1d12h.")]
    [InlineData("14d:1M", "the test window '1M' is not a duration*(months have no fixed length; use days).")]
    [InlineData("14d:7d:-1d", "the step '-1d' is not a duration*")]
    [InlineData("14d:0d", "the test window '0d' must be longer than zero.")]
    [InlineData("14d:7.5d", "the test window '7.5d' is not a duration*")]
    [InlineData("3651d:1d", "the train window '3651d' is longer than 3650 days.")]
    [InlineData("999999999w:1d", "the train window '999999999w' is longer than 3650 days.")]
    public void Unusable_specs_say_which_part_and_why(string text, string message)
    {
        var parse = () => WalkForwardSpec.Parse(text);

        parse.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void A_window_shorter_than_one_candle_is_refused()
    {
        WalkForwardSpec.Parse("2d:1d:30m").Validate(KlineInterval.OneHour).Should().Equal("the step (30m) is shorter than one 1h candle.");
        WalkForwardSpec.Parse("2d:1d:30m").Validate(KlineInterval.OneMinute).Should().BeEmpty();
    }

    [Fact]
    public void Folds_start_at_the_data_and_step_on_until_a_test_window_would_start_at_its_end()
    {
        // 10 days of data, 3d:2d: tests 3–5, 5–7, 7–9, 9–10 (cut short), and none from day 11 on.
        var folds = WalkForwardSpec.Parse("3d:2d").Folds(Start, Start + 10 * Day);

        folds.Select(f => (f.Number, f.Train, f.Test, f.Partial)).Should().Equal(
            (1, W(0, 3), W(3, 5), false),
            (2, W(2, 5), W(5, 7), false),
            (3, W(4, 7), W(7, 9), false),
            (4, W(6, 9), W(9, 10), true));
    }

    [Fact]
    public void A_test_window_ending_exactly_at_the_data_end_is_not_partial_and_no_empty_fold_follows()
    {
        var folds = WalkForwardSpec.Parse("2d:1d").Folds(Start, Start + 5 * Day);

        folds.Should().HaveCount(3);
        folds[^1].Test.Should().Be(W(4, 5));
        folds[^1].Partial.Should().BeFalse();
    }

    [Fact]
    public void Steps_shorter_or_longer_than_the_test_window_overlap_or_leave_gaps()
    {
        var overlapping = WalkForwardSpec.Parse("3d:1d:12h").Folds(Start, Start + 5 * Day);
        overlapping.Select(f => f.Test.From).Should().Equal(Start + 3 * Day, Start + 3 * Day + 12 * Hour, Start + 4 * Day, Start + 4 * Day + 12 * Hour);
        overlapping.Select(f => f.Partial).Should().Equal(false, false, false, true);

        var gaps = WalkForwardSpec.Parse("1d:1d:3d").Folds(Start, Start + 8 * Day);
        gaps.Select(f => f.Test).Should().Equal(W(1, 2), W(4, 5), W(7, 8));
    }

    [Fact]
    public void Data_no_longer_than_the_train_window_has_no_fold()
    {
        WalkForwardSpec.Parse("7d:1d").Folds(Start, Start + 7 * Day).Should().BeEmpty();
        WalkForwardSpec.Parse("7d:1d").Folds(Start, Start + 7 * Day + 60_000).Should().ContainSingle().Which.Partial.Should().BeTrue();
    }

    [Fact]
    public void Too_many_folds_are_refused_rather_than_run()
    {
        var folds = () => WalkForwardSpec.Parse("1d:1h:1m").Folds(Start, Start + 28 * Day);

        folds.Should().Throw<FormatException>().WithMessage("1d:1h:1m makes more than 1000 folds over this data; take a longer step.");
    }

    [Theory]
    [InlineData(7 * 24 * 60, "7d")]
    [InlineData(36 * 60, "1d12h")]
    [InlineData(90, "1h30m")]
    [InlineData(24 * 60 + 1, "1d1m")]
    public void Durations_are_written_in_the_largest_exact_units(int minutes, string text)
    {
        WalkForwardSpec.Format(TimeSpan.FromMinutes(minutes)).Should().Be(text);
        WalkForwardSpec.ParseDuration(text, "x").Should().Be(TimeSpan.FromMinutes(minutes));
    }

    private static TimeWindow W(double fromDay, double toDay) => new(Start + (long)(fromDay * Day), Start + (long)(toDay * Day));
}
