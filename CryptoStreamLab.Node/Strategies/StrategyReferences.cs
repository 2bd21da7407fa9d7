using System.Collections.Immutable;
using CryptoStreamLab.Core.Strategy;
using Microsoft.CodeAnalysis;

namespace CryptoStreamLab.Node.Strategies;

/// <summary>
/// What strategy files compile against: <c>CryptoStreamLab.Core</c> and the .NET runtime's own assemblies, read from
/// the running app so no SDK or reference pack is needed where it is deployed.
/// </summary>
/// <remarks>
/// The runtime's assemblies are the trusted platform assemblies that sit beside <c>System.Private.CoreLib</c> (the
/// shared framework's folder) and are named like the framework's (<c>System*</c>, <c>Microsoft.CSharp</c>,
/// <c>Microsoft.VisualBasic*</c>, <c>Microsoft.Win32.*</c>, <c>netstandard</c>, <c>mscorlib</c>). ASP.NET Core,
/// the app's packages and the compiler itself are left out: a strategy sees the market data types and the runtime, no
/// more. These are implementation assemblies; the compiler accepts them as references.
/// </remarks>
internal static class StrategyReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Cached = new(Load);

    public static ImmutableArray<MetadataReference> All => Cached.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return
        [
            .. trusted
                .Where(path => string.Equals(Path.GetDirectoryName(path), runtime, StringComparison.Ordinal) &&
                               IsFramework(Path.GetFileNameWithoutExtension(path)))
                .Order(StringComparer.Ordinal)
                .Select(path => MetadataReference.CreateFromFile(path)),
            MetadataReference.CreateFromFile(typeof(IStrategy).Assembly.Location),
        ];
    }

    private static bool IsFramework(string name) =>
        name is "System" or "netstandard" or "mscorlib" or "Microsoft.CSharp" ||
        name.StartsWith("System.", StringComparison.Ordinal) ||
        name.StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal) ||
        name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal);
}
