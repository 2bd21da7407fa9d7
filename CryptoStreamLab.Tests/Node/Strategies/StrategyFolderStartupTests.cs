using System.Reflection;
using System.Runtime.Loader;
using CryptoStreamLab.Tests.Support;

namespace CryptoStreamLab.Tests.Node.Strategies;

/// <summary>
/// Without strategy files the app does not pay for the compiler: a missing or empty folder loads no
/// <c>Microsoft.CodeAnalysis</c> assembly. Other tests in this process compile files, so the check runs the node library
/// in a context of its own and looks at the assemblies loaded there.
/// </summary>
public sealed class StrategyFolderStartupTests
{
    [Fact]
    public void A_missing_or_empty_folder_loads_no_compiler_assembly_and_a_file_does()
    {
        using var temp = new TempFolder("csl-strategies-");
        var folder = Path.Combine(temp.Path, "strategies");
        var context = new ProbeContext();
        try
        {
            var node = context.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "CryptoStreamLab.Node.dll"));
            var compile = node.GetType("CryptoStreamLab.Node.Strategies.StrategyFolder", throwOnError: true)!.GetMethod("Compile")!;

            compile.Invoke(null, [folder, null]);
            Directory.CreateDirectory(folder);
            compile.Invoke(null, [folder, null]);
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => AssemblyLoadContext.GetLoadContext(a) == context).ToList();

            loaded.Select(Name).Should().Contain("CryptoStreamLab.Node", "the probe runs the library in its own context")
                .And.NotContain(name => name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));

            // The probe sees the compiler when it is used, so the check above is not blind.
            File.WriteAllText(Path.Combine(folder, "Empty.cs"), "public static class Empty { }");
            compile.Invoke(null, [folder, null]);
            context.Assemblies.Select(Name).Should().Contain("Microsoft.CodeAnalysis.CSharp");
        }
        finally
        {
            context.Unload();
        }
    }

    private static string Name(Assembly assembly) => assembly.GetName().Name!;

    /// <summary>Loads the test output's own assemblies afresh; the runtime's come from the default context.</summary>
    private sealed class ProbeContext() : AssemblyLoadContext("strategy-folder-probe", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(AppContext.BaseDirectory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
