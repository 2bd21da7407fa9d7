using System.Text.Json;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Node;
using CryptoStreamLab.Tests.Reliability;

namespace CryptoStreamLab.Tests.Architecture;

/// <summary>
/// The direction Core ← Node ← Web, checked where it is decided: in what each project's restore resolved (packages,
/// framework and project references, transitive ones included) and in what its compiled assembly references.
/// </summary>
public class ProjectBoundaryTests
{
    private static readonly string[] UiPackages = ["Microsoft.AspNetCore", "MudBlazor", "Plotly", "Microsoft.JSInterop", "bunit", "Scalar"];

    [Fact]
    public void The_node_library_resolves_no_UI_or_web_package_and_no_web_project()
    {
        var restored = Restored("CryptoStreamLab.Node");

        restored.Libraries.Where(IsUi).Should().BeEmpty("the node library must not reference a UI or ASP.NET Core package");
        restored.Frameworks.Should().NotContain("Microsoft.AspNetCore.App");
        restored.Projects.Should().BeEquivalentTo(["CryptoStreamLab.Core"]);
    }

    [Fact]
    public void The_node_assembly_references_no_UI_or_web_assembly()
    {
        var references = typeof(NodeServices).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Where(IsUi).Should().BeEmpty();
        references.Should().NotContain("CryptoStreamLab.Web").And.Contain("CryptoStreamLab.Core");
    }

    [Fact]
    public void Core_references_neither_the_node_nor_Kafka_SQLite_or_ASP_NET_Core()
    {
        var restored = Restored("CryptoStreamLab.Core");
        var references = typeof(Candle).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        restored.Projects.Should().BeEmpty();
        restored.Frameworks.Should().NotContain("Microsoft.AspNetCore.App");
        restored.Libraries.Concat(references).Where(name => IsUi(name) || name.StartsWith("Confluent", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) || name.StartsWith("CryptoStreamLab.", StringComparison.Ordinal))
            .Should().BeEmpty();
    }

    [Fact]
    public void The_check_sees_UI_packages_and_the_node_project_where_they_are()
    {
        // The web project has them: a check that could not see them would pass above whatever the node library referenced.
        var web = Restored("CryptoStreamLab.Web");

        web.Libraries.Should().Contain(name => name.StartsWith("MudBlazor", StringComparison.Ordinal));
        web.Frameworks.Should().Contain("Microsoft.AspNetCore.App");
        web.Projects.Should().Contain("CryptoStreamLab.Node");
        web.Libraries.Should().NotContain(name => name.StartsWith("Plotly", StringComparison.OrdinalIgnoreCase),
            "the charts are Lightweight Charts, shipped as a static file of the web project");
    }

    private static bool IsUi(string name) => UiPackages.Any(ui => name.StartsWith(ui, StringComparison.OrdinalIgnoreCase));

    private sealed record Restore(IReadOnlyList<string> Libraries, IReadOnlyList<string> Projects, IReadOnlyList<string> Frameworks);

    /// <summary>What restore resolved for a project (its obj/project.assets.json), transitive references included.</summary>
    private static Restore Restored(string project)
    {
        var path = Path.Combine(RepositoryPaths.Root, project, "obj", "project.assets.json");
        File.Exists(path).Should().BeTrue($"{project} is restored before the tests run ({path})");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var libraries = new List<string>();
        var projects = new List<string>();
        foreach (var library in json.RootElement.GetProperty("libraries").EnumerateObject())
        {
            var name = library.Name.Split('/')[0];
            if (library.Value.GetProperty("type").GetString() == "project") projects.Add(name);
            else libraries.Add(name);
        }
        var frameworks = json.RootElement.GetProperty("project").GetProperty("frameworks").EnumerateObject()
            .SelectMany(f => f.Value.TryGetProperty("frameworkReferences", out var refs) ? refs.EnumerateObject().Select(r => r.Name) : [])
            .ToList();
        return new Restore(libraries, projects, frameworks);
    }
}
