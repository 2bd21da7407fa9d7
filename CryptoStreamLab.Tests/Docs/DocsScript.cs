using System.Globalization;
using System.Text;

namespace CryptoStreamLab.Tests.Docs;

/// <summary>
/// One doc's command blocks as one bash session, the way a reader pastes them into one terminal: variables and the
/// working folder carry from block to block. Each block's standard output, standard error and whether any command in it
/// failed go to files in the results folder. A <c>serve</c> block runs in the background until its address answers,
/// then is stopped; background processes a block starts are stopped when the session ends.
/// </summary>
public sealed class DocsScript
{
    /// <summary>How long a <c>serve</c> block's app has to answer (a first run builds the app).</summary>
    public static readonly TimeSpan ServeTimeout = TimeSpan.FromMinutes(4);

    private readonly List<DocBlock> _blocks = [];

    public DocsScript(IEnumerable<DocBlock> blocks)
    {
        foreach (var block in blocks)
            if (block.Has(DocBlock.Run) || block.Has(DocBlock.Serve)) _blocks.Add(block);
    }

    public IReadOnlyList<DocBlock> Blocks => _blocks;

    public string Text(string results)
    {
        var script = new StringBuilder();
        script.AppendLine("set -o pipefail");
        script.AppendLine($"echo $$ > '{results}/session.pid'");
        script.AppendLine($"__results='{results}'");
        script.AppendLine("__servers=()");
        script.AppendLine("trap 'for p in \"${__servers[@]}\"; do kill -- -$p 2>/dev/null; done' EXIT");
        for (var i = 0; i < _blocks.Count; i++)
        {
            var block = _blocks[i];
            var n = i.ToString(CultureInfo.InvariantCulture);
            script.AppendLine($"# {block.Where}");
            if (block.Has(DocBlock.Serve)) AppendServe(script, block, n);
            else AppendRun(script, block, n);
        }
        return script.ToString();
    }

    private static void AppendRun(StringBuilder script, DocBlock block, string n)
    {
        // An ERR trap rather than `set -e`: a failing command marks the block failed without ending the session, so the
        // test can say which block failed and what it printed.
        script.AppendLine("__failed=");
        script.AppendLine("trap '__failed=\"${__failed:-$BASH_COMMAND}\"' ERR");
        script.AppendLine("{");
        script.AppendLine(block.Text);
        script.AppendLine($"}} > \"$__results/{n}.out\" 2> \"$__results/{n}.err\" < /dev/null");
        script.AppendLine("trap - ERR");
        script.AppendLine($"printf '%s' \"$__failed\" > \"$__results/{n}.failed\"");
    }

    private static void AppendServe(StringBuilder script, DocBlock block, string n)
    {
        var url = block.ValueOf(DocBlock.Serve) ?? throw new InvalidOperationException($"{block.Where}: `serve` needs the address to wait for");
        var seconds = (int)ServeTimeout.TotalSeconds;
        // Something already answering there would pass for the app: that is a failure of its own.
        script.AppendLine($"if curl -s -o /dev/null '{url}'; then printf '%s' 'something else already answers at {url}' > \"$__results/{n}.failed\"; : > \"$__results/{n}.out\"; : > \"$__results/{n}.err\"; else");
        // Its own process group, so stopping it stops the app `dotnet run` starts too.
        script.AppendLine($"setsid bash -c {Quote(block.Text)} > \"$__results/{n}.out\" 2> \"$__results/{n}.err\" < /dev/null &");
        script.AppendLine("__servers+=($!)");
        script.AppendLine("__failed=\"no answer from " + url + " within " + seconds + " s\"");
        script.AppendLine($"for __i in $(seq 1 {seconds}); do");
        script.AppendLine($"  if curl -sf -o /dev/null '{url}'; then __failed=; break; fi");
        script.AppendLine("  kill -0 $! 2>/dev/null || { __failed=\"the command ended before " + url + " answered\"; break; }");
        script.AppendLine("  sleep 1");
        script.AppendLine("done");
        // Stopped as `kill` stops it (SIGTERM, which the app handles as it does Ctrl+C: a background command of a
        // non-interactive shell starts with SIGINT ignored, so Ctrl+C's signal would not reach it), and waited for, so the
        // next block finds the port free; killed if it does not stop.
        script.AppendLine("__group=$!; kill -TERM -- -$__group 2>/dev/null");
        script.AppendLine("for __i in $(seq 1 60); do kill -0 -- -$__group 2>/dev/null || break; sleep 0.5; done");
        script.AppendLine("kill -KILL -- -$__group 2>/dev/null; wait $__group 2>/dev/null");
        script.AppendLine($"printf '%s' \"$__failed\" > \"$__results/{n}.failed\"");
        script.AppendLine("fi");
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
