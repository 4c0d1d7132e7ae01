using Orchestrator.Scheduling.Framework;

namespace Orchestrator.Scheduling.Tests.Architecture;

public sealed class AssemblyReferenceTests
{
    private static readonly string[] Forbidden =
        ["Orleans", "Microsoft.Orleans", "Microsoft.AspNetCore", "Polly", "Prometheus", "prometheus-net", "KubernetesClient", "Orchestrator."];

    [Fact]
    public void The_scheduling_core_references_no_edge_framework_nor_other_orchestrator_projects()
    {
        var references = typeof(Scheduler).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var offending = references.Where(r => Forbidden.Any(f => r.StartsWith(f, StringComparison.OrdinalIgnoreCase))).ToList();

        Assert.NotEmpty(references);
        Assert.True(offending.Count == 0, $"Orchestrator.Scheduling references {string.Join(", ", offending)}");
    }
}
