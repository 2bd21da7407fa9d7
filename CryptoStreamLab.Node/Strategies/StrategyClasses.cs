using System.Xml.Linq;
using CryptoStreamLab.Core.Strategy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CryptoStreamLab.Node.Strategies;

/// <summary>
/// Finds the strategy classes in the files from the compiler's symbols, so they are found, named and placed in their
/// file even when another file does not compile.
/// </summary>
internal static class StrategyClasses
{
    public static IReadOnlyList<StrategyClass> Find(Compilation compilation, IEnumerable<SyntaxTree> trees)
    {
        var strategy = compilation.GetTypeByMetadataName(typeof(IStrategy).FullName!);
        if (strategy is null) return [];
        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var found = new List<StrategyClass>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is { } type && IsStrategy(type, strategy) && seen.Add(type))
                    found.Add(new StrategyClass(type.Name, MetadataName(type), type.ToDisplayString(), tree.FilePath, Summary(type)));
            }
        }

        return found;
    }

    private static bool IsStrategy(INamedTypeSymbol type, INamedTypeSymbol strategy) =>
        type is { TypeKind: TypeKind.Class, IsAbstract: false, IsStatic: false } &&
        IsPublic(type) &&
        type.AllInterfaces.Contains(strategy, SymbolEqualityComparer.Default);

    private static bool IsPublic(INamedTypeSymbol type) =>
        type.DeclaredAccessibility == Accessibility.Public && (type.ContainingType is null || IsPublic(type.ContainingType));

    /// <summary>The name <see cref="System.Reflection.Assembly.GetType(string)"/> takes: Namespace.Outer+Inner`1.</summary>
    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? $"{MetadataName(outer)}+{type.MetadataName}"
        : type.ContainingNamespace is { IsGlobalNamespace: false } space ? $"{space.ToDisplayString()}.{type.MetadataName}"
        : type.MetadataName;

    /// <summary>The doc comment's summary on one line (the strategy's description), or "".</summary>
    private static string Summary(INamedTypeSymbol type)
    {
        var xml = type.GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml)) return "";
        try
        {
            var summary = XElement.Parse(xml).Element("summary")?.Value ?? "";
            return string.Join(' ', summary.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        catch (System.Xml.XmlException)
        {
            return "";
        }
    }
}
