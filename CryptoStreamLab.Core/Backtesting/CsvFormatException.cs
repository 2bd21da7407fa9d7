namespace CryptoStreamLab.Core.Backtesting;

/// <summary>A kline file that cannot be used, with the file and line where the problem is.</summary>
public sealed class CsvFormatException(string source, long line, string problem)
    : Exception($"{source}:{line}: {problem}")
{
    public string File => source;

    public long Line => line;

    public string Problem => problem;
}
