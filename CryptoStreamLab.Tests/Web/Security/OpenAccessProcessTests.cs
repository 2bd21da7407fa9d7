using CryptoStreamLab.Tests.Reliability;

namespace CryptoStreamLab.Tests.Web.Security;

/// <summary>The real app as a child process, told to listen beyond loopback without any user or API key.</summary>
public sealed class OpenAccessProcessTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("open-access-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Listening_on_every_interface_without_users_exits_2_naming_the_url_and_the_fix()
    {
        using var app = AppProcess.Run("--urls", "http://0.0.0.0:0", "--MarketData:Source=Synthetic",
            $"--Storage:Path={_dir}", $"--Archive:Path={Path.Combine(_dir, "archive")}");

        (await app.WaitForExitAsync(ExitTimeout)).Should().Be(2, app.Output);

        app.Error.Should().StartWith("The configuration is not valid:")
            .And.Contain("The app is told to listen on http://0.0.0.0:0 (Urls), which is not a loopback address")
            .And.Contain("Auth:Users:0:Name and Auth:Users:0:PasswordHash")
            .And.Contain("set Auth:AllowAnonymous=true");
        app.Output.Should().NotContain("Now listening on");
    }
}
