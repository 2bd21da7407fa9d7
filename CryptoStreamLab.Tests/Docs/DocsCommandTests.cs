using System.Diagnostics;
using CryptoStreamLab.Tests.Reliability;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Docs;

/// <summary>
/// Every command block in README.md and docs/ that a reader is meant to run works as written on a fresh copy of the
/// repository, and prints what the docs show after it: the docs are tested like the code, so an example that drifts
/// fails here. Blocks that are only illustrative say so (<c>example</c>).
/// </summary>
public sealed class DocsCommandTests(RepositoryCopy copy) : IClassFixture<RepositoryCopy>
{
    /// <summary>The longest a doc's commands may take together (its first command may build the app).</summary>
    private static readonly TimeSpan DocTimeout = TimeSpan.FromMinutes(12);

    public static TheoryData<string> DocsWithCommands()
    {
        var docs = new TheoryData<string>();
        foreach (var doc in AllDocs())
            if (Blocks(doc).Any(b => b.Has(DocBlock.Run) || b.Has(DocBlock.Serve))) docs.Add(doc);
        return docs;
    }

    [Fact]
    public void Every_command_block_says_whether_it_runs()
    {
        var problems = new List<string>();
        foreach (var doc in AllDocs())
        {
            DocBlock? previous = null;
            foreach (var block in Blocks(doc))
            {
                if (block.Language.Length == 0)
                    problems.Add($"{block.Where}: a code block names its language (`bash run`, `text`, `json`, …)");
                var kinds = new[] { DocBlock.Run, DocBlock.Serve, DocBlock.Example }.Count(block.Has);
                if (block.IsShell && kinds != 1)
                    problems.Add($"{block.Where}: a {block.Language} block is marked `run`, `serve URL` or `example` (exactly one)");
                if (block.Has(DocBlock.Output) && previous?.Has(DocBlock.Run) != true)
                    problems.Add($"{block.Where}: an `output` block follows the `run` block whose output it shows");
                previous = block;
            }
        }
        problems.Should().BeEmpty(string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(DocsWithCommands))]
    public async Task Commands_work_as_written(string doc)
    {
        copy.Reset();
        var blocks = Blocks(doc);
        var script = new DocsScript(blocks);
        using var results = new TempFolder("csl-docs-results-");
        var file = results.File("session.sh");
        await File.WriteAllTextAsync(file, script.Text(results.Path));

        var (exited, log) = await RunAsync(file, results.File("session.pid"));
        exited.Should().BeTrue($"{doc}'s commands end within {DocTimeout.TotalMinutes} minutes; the session printed:\n{log}");

        for (var i = 0; i < script.Blocks.Count; i++)
        {
            var block = script.Blocks[i];
            var failedFile = results.File($"{i}.failed");
            File.Exists(failedFile).Should().BeTrue($"the session reached {block.Where}; it printed:\n{log}");
            var failed = await File.ReadAllTextAsync(failedFile);
            var output = await File.ReadAllTextAsync(results.File($"{i}.out"));
            var error = await File.ReadAllTextAsync(results.File($"{i}.err"));
            failed.Should().BeEmpty($"every command at {block.Where} works as written; it printed:\n{output}\n{error}");

            var next = NextBlock(blocks, block);
            if (next?.Has(DocBlock.Output) != true) continue;
            ExpectedOutput.Mismatch(next.Text, output).Should().BeNull($"{block.Where} prints what {next.Where} shows");
        }
    }

    private async Task<(bool Exited, string Log)> RunAsync(string script, string pidFile)
    {
        // Its own process group, so whatever the commands left running is stopped with it.
        var info = new ProcessStartInfo("setsid") { WorkingDirectory = copy.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--wait", "bash", script }) info.ArgumentList.Add(argument);
        info.Environment["HOME"] = copy.Home;
        info.Environment["NUGET_PACKAGES"] = copy.Packages;
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var session = Process.Start(info)!;
        var output = session.StandardOutput.ReadToEndAsync();
        var error = session.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(DocTimeout);
        var exited = true;
        try
        {
            await session.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            exited = false;
        }
        finally
        {
            if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), out var group)) Stop(group);
        }
        await session.WaitForExitAsync();
        return (exited, await output + await error);
    }

    private static void Stop(int processGroup)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-KILL", "--", $"-{processGroup}" }, RedirectStandardError = true });
        kill?.WaitForExit();
    }

    private static DocBlock? NextBlock(IReadOnlyList<DocBlock> blocks, DocBlock block)
    {
        var index = blocks.ToList().IndexOf(block);
        return index + 1 < blocks.Count ? blocks[index + 1] : null;
    }

    private static IEnumerable<string> AllDocs() =>
        new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md")
            .Select(f => "docs/" + Path.GetFileName(f)).Order(StringComparer.Ordinal));

    private static IReadOnlyList<DocBlock> Blocks(string doc) => MarkdownBlocks.Read(Path.Combine(RepositoryPaths.Root, doc), doc);
}
