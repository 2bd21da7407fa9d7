using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Web.Cli;

namespace CryptoStreamLab.Tests.Web.Cli;

public sealed class OutputFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("output-file-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_new_file_in_an_existing_folder_and_a_regular_file_are_accepted()
    {
        var existing = Path.Combine(_dir, "old.csv");
        File.WriteAllText(existing, "x");

        FluentActions.Invoking(() => OutputFile.Check(Path.Combine(_dir, "new.csv"))).Should().NotThrow();
        FluentActions.Invoking(() => OutputFile.Check(existing)).Should().NotThrow();
    }

    [Fact]
    public void A_folder_a_missing_folder_and_a_device_are_refused_naming_the_path()
    {
        FluentActions.Invoking(() => OutputFile.Check(_dir)).Should().Throw<ArgumentException>().WithMessage($"--output {_dir} is a folder*");
        var missing = Path.Combine(_dir, "no", "out.csv");
        FluentActions.Invoking(() => OutputFile.Check(missing)).Should().Throw<ArgumentException>()
            .WithMessage($"--output {missing}: the folder {Path.Combine(_dir, "no")} does not exist*");
        if (OperatingSystem.IsLinux())
        {
            FluentActions.Invoking(() => OutputFile.Check("/dev/full")).Should().Throw<ArgumentException>()
                .WithMessage("--output /dev/full is not a regular file (a device, pipe or socket)*");
            FluentActions.Invoking(() => OutputFile.Check("/dev/null")).Should().Throw<ArgumentException>();
        }
    }

    [Fact]
    public void Discarding_an_unfinished_file_in_a_missing_folder_is_quiet() =>
        FluentActions.Invoking(() => FileCleanup.TryDeleteFile(Path.Combine(_dir, "no", "out.csv.partial"))).Should().NotThrow();

    [Fact]
    public void The_partial_result_sits_beside_the_output_and_keeps_its_compression()
    {
        OutputFile.Partial("out.csv.gz").Should().Be("out.csv.gz.partial");
        OutputFile.IsGzip("out.csv.GZ").Should().BeTrue();
        OutputFile.IsGzip(OutputFile.Partial("out.csv.gz")).Should().BeTrue();
        OutputFile.IsGzip(OutputFile.Partial("out.csv")).Should().BeFalse();
        OutputFile.IsGzip("out.gz.csv").Should().BeFalse();
    }
}
