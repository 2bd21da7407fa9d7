using CryptoStreamLab.Tests.Reliability;


namespace CryptoStreamLab.Tests.Web.Hosting;

/// <summary>The real app as a child process, configured with files and folders it cannot use: exit 2 naming each, before it listens.</summary>
public sealed class ConfiguredPathsProcessTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("configured-paths-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_missing_replay_file_and_storage_and_archive_paths_that_are_files_exit_2_naming_each_key()
    {
        var file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "not a folder");
        var missing = Path.Combine(_dir, "BTCUSDT-1m-missing.csv.gz");

        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["MarketData:Source"] = "Replay",
            ["MarketData:Replay:Files:0"] = missing,
            ["Storage:Path"] = file,
            ["Archive:Path"] = file,
        });

        (await app.WaitForExitAsync(ExitTimeout)).Should().Be(2, app.Output);
        app.Error.Should().Contain("The configuration is not valid:")
            .And.Contain($"MarketData:Replay:Files:0 '{missing}' is not a file")
            .And.Contain($"Storage:Path '{file}' is a file; it must name a folder.")
            .And.Contain($"Archive:Path '{file}' is a file; it must name a folder.");
        app.Output.Should().NotContain("Now listening on");
        File.ReadAllText(file).Should().Be("not a folder");
    }

    [Fact]
    public async Task A_ledger_that_is_not_a_database_exits_2_naming_it_and_is_left_untouched()
    {
        var ledger = Path.Combine(_dir, "ledger.db");
        var content = "these are not the pages of a SQLite database, but they are someone's bytes"u8.ToArray().Concat(new byte[8_000]).ToArray();
        File.WriteAllBytes(ledger, content);

        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["MarketData:Source"] = "Synthetic",
            ["Storage:Path"] = _dir,
            ["Archive:Path"] = Path.Combine(_dir, "archive"),
        });

        (await app.WaitForExitAsync(ExitTimeout)).Should().Be(2, app.Output);
        app.Error.Should().Contain($"Storage:Path/FileName: the ledger {ledger} is not a sound SQLite database (")
            .And.Contain("it is left untouched");
        File.ReadAllBytes(ledger).Should().Equal(content, "a ledger that cannot be read is never overwritten");
        Directory.GetFiles(_dir, "ledger.db*").Should().Equal(ledger);
    }
}
