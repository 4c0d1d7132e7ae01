using System.Reflection;

namespace Orchestrator.Architecture.Tests;

/// <summary>Dependencies point one way: the pure API machinery and the store know nothing of the edges.</summary>
public sealed class DependencyDirectionTests
{
    private static readonly string[] Edges = ["Orleans", "Microsoft.AspNetCore", "Polly", "Prometheus"];

    private static readonly string[] Pure =
    [
        "Orchestrator.Core",
        "Orchestrator.Patching",
        "Orchestrator.OpenApi",
        "Orchestrator.Admission",
        "Orchestrator.Tables",
        "Orchestrator.Apply",
        "Orchestrator.Protobuf",
        "Orchestrator.Storage",
    ];

    public static TheoryData<string> PureAssemblies => [.. Pure];

    [Theory]
    [MemberData(nameof(PureAssemblies))]
    public void A_pure_assembly_references_no_edge_framework(string name)
    {
        var assembly = Assembly.Load(name);

        var edges = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(reference => Edges.Any(edge => reference.StartsWith(edge, StringComparison.Ordinal)))
            .ToList();

        Assert.True(edges.Count == 0, $"{name} references {string.Join(", ", edges)}");
    }

    [Fact]
    public void The_pure_assemblies_depend_on_nothing_of_ours_but_core()
    {
        var ours = Pure.Where(n => n is not "Orchestrator.Core").ToList();

        foreach (var name in ours)
        {
            var references = Assembly.Load(name).GetReferencedAssemblies().Select(a => a.Name!)
                .Where(r => r.StartsWith("Orchestrator.", StringComparison.Ordinal));
            Assert.All(references, r => Assert.Equal("Orchestrator.Core", r));
        }
    }
}
