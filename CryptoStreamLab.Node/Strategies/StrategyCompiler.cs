using System.Globalization;
using System.Reflection;
using System.Text;
using CryptoStreamLab.Core.Strategy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace CryptoStreamLab.Node.Strategies;

/// <summary>
/// Compiles strategy files with Roslyn into one in-memory assembly (latest C#, nullable enabled, optimized, with an
/// embedded PDB so a strategy's exception names its file and line), loads it in a <see cref="StrategyLoadContext"/> and
/// defines its strategy classes. Every problem is collected in one pass: all compile errors (warnings are not problems),
/// files without a strategy, name clashes and classes that break <see cref="StrategyDefinition"/>'s rule.
/// </summary>
internal static class StrategyCompiler
{
    /// <summary>Usings every file has without writing them: what a strategy needs from the runtime most.</summary>
    public static readonly IReadOnlyList<string> GlobalUsings = ["System", "System.Collections.Generic", "System.Linq"];

    private const string AssemblyName = "CryptoStreamLab.Strategies";

    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions Options = new(OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable, deterministic: true);

    /// <summary>The strategies in <paramref name="sources"/>; what is wrong is added to <paramref name="problems"/>.</summary>
    public static IReadOnlyList<StrategyDefinition> Compile(IReadOnlyList<StrategySource> sources,
        IReadOnlyList<StrategyDefinition> builtIns, List<string> problems)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Text, Encoding.UTF8), ParseOptions, s.Path)).ToList();
        var usings = CSharpSyntaxTree.ParseText(
            SourceText.From(string.Concat(GlobalUsings.Select(u => $"global using {u};\n")), Encoding.UTF8), ParseOptions, "GlobalUsings.g.cs");
        var compilation = CSharpCompilation.Create(AssemblyName, [usings, .. trees], StrategyReferences.All, Options);

        // Emitting reports every error (a separate GetDiagnostics pass would bind every method twice).
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));
        var errors = Errors(emitted.Diagnostics, trees);
        problems.AddRange(errors.Select(Format));
        var broken = errors.Select(e => e.Location.SourceTree).OfType<SyntaxTree>().ToHashSet();
        var classes = StrategyClasses.Find(compilation, trees);
        problems.AddRange(trees
            .Where(t => !broken.Contains(t) && !classes.Any(c => c.File == t.FilePath))
            .Select(t => $"{t.FilePath}: no public class implements IStrategy"));
        var unique = StrategyNames.Unique(classes, builtIns, problems);
        if (!emitted.Success) return [];

        image.Position = 0;
        var assembly = new StrategyLoadContext().LoadFromStream(image);
        return [.. unique.Select(c => Define(assembly, c, problems)).OfType<StrategyDefinition>()];
    }

    /// <summary>Errors only, in file order then position; those without a place last.</summary>
    private static List<Diagnostic> Errors(IEnumerable<Diagnostic> diagnostics, List<SyntaxTree> trees) =>
        [.. diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .OrderBy(d => d.Location.SourceTree is { } tree && trees.IndexOf(tree) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(d => d.Location.SourceSpan.Start)];

    /// <summary>"strategies/MyStrategy.cs(12,5): error CS1002: ; expected" (1-based line and column, as compilers print).</summary>
    private static string Format(Diagnostic error)
    {
        var text = $"error {error.Id}: {error.GetMessage(CultureInfo.InvariantCulture)}";
        if (!error.Location.IsInSource) return text;
        var span = error.Location.GetMappedLineSpan();
        return string.Create(CultureInfo.InvariantCulture,
            $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {text}");
    }

    private static StrategyDefinition? Define(Assembly assembly, StrategyClass found, List<string> problems)
    {
        try
        {
            return StrategyDefinition.For(assembly.GetType(found.MetadataName, throwOnError: true)!, found.Name, found.Description);
        }
        catch (ArgumentException e)
        {
            problems.Add($"{found.File}: {e.Message}");
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            problems.Add($"{found.File}: {found.DisplayName}'s parameter object could not be created: {e.InnerException.Message}");
        }
        catch (TypeInitializationException e) when (e.InnerException is not null)
        {
            problems.Add($"{found.File}: {found.DisplayName}'s static initialization failed: {e.InnerException.Message}");
        }

        return null;
    }
}
