using System.Diagnostics;

namespace CryptoStreamLab.Web.Cli;

/// <summary>
/// One line of progress on standard error, rewritten in place with a carriage return, for a person watching a long run (a
/// sweep, a walk-forward, an export). Only at a terminal: when standard error is redirected (a log, a pipe, a test) it
/// writes nothing, so what is kept holds results and errors alone. Safe to call from worker threads; the line is redrawn at
/// most every <see cref="Every"/>, and disposing clears it, so the results that follow start on a clean line.
/// </summary>
public sealed class ProgressLine : IDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter? _error;
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _drawn;
    private int _width;

    /// <param name="enabled">False (standard error is not a terminal): every call does nothing.</param>
    public ProgressLine(TextWriter error, bool enabled) => _error = enabled ? error : null;

    /// <summary>Shows <paramref name="text"/> in place of the line, unless it was drawn less than <see cref="Every"/> ago.</summary>
    public void Report(string text)
    {
        if (_error is null) return;
        lock (_lock)
        {
            var now = _clock.Elapsed;
            if (_drawn is { } drawn && now - drawn < Every) return;
            _drawn = now;
            _error.Write("\r" + text.PadRight(_width));
            _error.Flush();
            _width = text.Length;
        }
    }

    /// <summary>Like <see cref="Report(string)"/>, building the text only when it is drawn.</summary>
    public void Report(Func<string> text)
    {
        if (_error is null) return;
        lock (_lock)
        {
            if (_drawn is { } drawn && _clock.Elapsed - drawn < Every) return;
        }

        Report(text());
    }

    /// <summary>
    /// Standard error for the messages of a run in progress (warnings): the line is cleared before each, so a message never
    /// lands behind the progress text; the next report draws the line again below it.
    /// </summary>
    public TextWriter Messages(TextWriter error) => _error is null ? error : new ClearingWriter(this, error);

    /// <summary>Clears the line.</summary>
    public void Dispose() => Clear();

    private void Clear()
    {
        if (_error is null) return;
        lock (_lock)
        {
            if (_drawn is null) return;
            _error.Write("\r" + new string(' ', _width) + "\r");
            _error.Flush();
            _drawn = null;
        }
    }

    private sealed class ClearingWriter(ProgressLine line, TextWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            line.Clear();
            inner.Write(value);
        }

        public override void Write(string? value)
        {
            line.Clear();
            inner.Write(value);
        }

        public override void WriteLine(string? value)
        {
            line.Clear();
            inner.WriteLine(value);
        }
    }
}
