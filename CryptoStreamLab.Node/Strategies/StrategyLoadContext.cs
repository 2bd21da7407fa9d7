using System.Reflection;
using System.Runtime.Loader;
using CryptoStreamLab.Core.Strategy;

namespace CryptoStreamLab.Node.Strategies;

/// <summary>
/// The collectible context the compiled strategy files are loaded in (it can be unloaded once nothing uses its
/// strategies). <c>CryptoStreamLab.Core</c> resolves to the app's own copy, so <see cref="IStrategy"/> in the files is
/// the type the engine knows; everything else falls back to the default context (the runtime's assemblies).
/// </summary>
internal sealed class StrategyLoadContext() : AssemblyLoadContext("CryptoStreamLab.Strategies", isCollectible: true)
{
    private static readonly Assembly Core = typeof(IStrategy).Assembly;

    protected override Assembly? Load(AssemblyName assemblyName) =>
        AssemblyName.ReferenceMatchesDefinition(assemblyName, Core.GetName()) ? Core : null;
}
