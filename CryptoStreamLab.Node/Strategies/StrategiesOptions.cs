namespace CryptoStreamLab.Node.Strategies;

/// <summary>Where strategy files live (appsettings <c>Strategies:Path</c>); the numbered entries are read by <see cref="StrategyLineupBinder"/>.</summary>
public sealed class StrategiesOptions
{
    public const string DefaultFolder = "strategies";

    /// <summary>Folder of <c>*.cs</c> strategy files; unset: <c>strategies</c> beside the data folder (<c>Storage:Path</c>).</summary>
    public string? Path { get; set; }

    /// <summary>The folder's full path: <see cref="Path"/> from <paramref name="baseDirectory"/>, else beside <paramref name="dataFolder"/>.</summary>
    public string FullPath(string baseDirectory, string dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(Path)) return System.IO.Path.GetFullPath(Path, baseDirectory);
        var data = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(dataFolder, baseDirectory));
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(data) ?? baseDirectory, DefaultFolder);
    }
}
