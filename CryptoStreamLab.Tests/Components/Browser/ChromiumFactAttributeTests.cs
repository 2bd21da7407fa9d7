namespace CryptoStreamLab.Tests.Components.Browser;

public sealed class ChromiumFactAttributeTests
{
    [Fact]
    public void A_missing_browser_skips_naming_the_debian_package()
    {
        var reason = ChromiumFactAttribute.SkipReason("/nonexistent/chromium");

        reason.Should().Contain("Debian package 'chromium'").And.Contain("/nonexistent/chromium");
    }

    [Fact]
    public void A_present_browser_runs()
    {
        var present = Path.GetTempFileName();
        try
        {
            ChromiumFactAttribute.SkipReason(present).Should().BeNull();
        }
        finally
        {
            File.Delete(present);
        }
    }
}
