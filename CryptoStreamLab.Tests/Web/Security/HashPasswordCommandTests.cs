using System.Diagnostics;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Web.Cli;
using CryptoStreamLab.Web.Security;

namespace CryptoStreamLab.Tests.Web.Security;

public sealed class HashPasswordCommandTests
{
    [Theory]
    [InlineData("s3cret pass\n")]
    [InlineData("s3cret pass\r\n")]
    [InlineData("s3cret pass")]
    public void Prints_a_hash_of_standard_input_less_one_final_line_break(string input)
    {
        var (code, output, error) = Run(input);

        code.Should().Be(0, error);
        error.Should().BeEmpty();
        var hash = output.TrimEnd('\n', '\r');
        output.Should().NotContain("s3cret");
        SecretHasher.Weakness(hash).Should().BeNull();
        SecretHasher.Verify(hash, "s3cret pass").Should().BeTrue();
        SecretHasher.Verify(hash, input.Contains('\n') ? "s3cret pass\n" : "s3cret pas").Should().BeFalse();
    }

    [Fact]
    public void Keeps_spaces_and_inner_line_breaks()
    {
        var (code, output, _) = Run("  two\nlines \n");
        code.Should().Be(0);
        SecretHasher.Verify(output.Trim(), "  two\nlines ").Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    public void Empty_input_exits_2_saying_why(string input)
    {
        var (code, output, error) = Run(input);
        code.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().StartWith("hash-password: standard input was empty");
    }

    [Fact]
    public void Arguments_are_refused()
    {
        var error = new StringWriter();
        HashPasswordCommand.Run(["secret"], new StringReader("x"), inputIsTerminal: false, new StringWriter(), error).Should().Be(2);
        error.ToString().Should().Contain("takes no arguments");
    }

    [Fact]
    public async Task The_real_app_hashes_what_is_piped_to_it()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.WebProject,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepositoryPaths.WebAssembly);
        info.ArgumentList.Add(HashPasswordCommand.Verb);
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync("piped secret");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(0, await error);
        SecretHasher.Verify((await output).Trim(), "piped secret").Should().BeTrue();
    }

    private static (int Code, string Output, string Error) Run(string input)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = HashPasswordCommand.Run([], new StringReader(input), inputIsTerminal: false, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
