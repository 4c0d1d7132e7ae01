using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Tests.Architecture;

public sealed class AssemblyReferenceTests
{
    private static readonly string[] Forbidden = ["Orleans", "Microsoft.Orleans", "Microsoft.AspNetCore", "Prometheus", "Polly", "Orchestrator."];

    [Fact]
    public void The_agent_runtime_knows_Kubernetes_types_and_nothing_of_the_cluster_side()
    {
        var references = typeof(BundleBuilder).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var offending = references.Where(r => Forbidden.Any(f => r.StartsWith(f, StringComparison.OrdinalIgnoreCase))).ToList();

        Assert.Contains("KubernetesClient", references);
        Assert.True(offending.Count == 0, $"Orchestrator.Agent references {string.Join(", ", offending)}");
    }
}
