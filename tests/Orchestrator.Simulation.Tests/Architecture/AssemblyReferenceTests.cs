namespace Orchestrator.Simulation.Tests.Architecture;

public sealed class AssemblyReferenceTests
{
    private static readonly string[] Forbidden = ["Orleans", "Microsoft.Orleans", "Microsoft.AspNetCore", "Prometheus", "prometheus-net", "Orchestrator."];

    [Fact]
    public void The_simulator_talks_to_any_cluster_through_the_client_alone()
    {
        var references = typeof(SimulatedNodes).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        // Orchestrator.Client is the one project allowed: the shared API pipelines, themselves only KubernetesClient and Polly.
        var offending = references
            .Where(r => r != "Orchestrator.Client" && Forbidden.Any(f => r.StartsWith(f, StringComparison.OrdinalIgnoreCase)))
            .ToList();

        Assert.Contains("KubernetesClient", references);
        Assert.True(offending.Count == 0, $"Orchestrator.Simulation references {string.Join(", ", offending)}");
    }
}
