using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Tests.Architecture;

public sealed class AssemblyReferenceTests
{
    private static readonly string[] Forbidden = ["Orleans", "Microsoft.Orleans", "Microsoft.AspNetCore", "Prometheus", "Orchestrator."];

    // The node and pod loops reach the API server like every other client, through the shared pipelines (and so Polly).
    private static readonly string[] Allowed = ["Orchestrator.Client"];

    [Fact]
    public void The_agent_knows_Kubernetes_types_and_the_shared_client_and_nothing_of_the_cluster_side()
    {
        var references = typeof(BundleBuilder).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var offending = references
            .Where(r => Forbidden.Any(f => r.StartsWith(f, StringComparison.OrdinalIgnoreCase)) && !Allowed.Contains(r))
            .ToList();

        Assert.Contains("KubernetesClient", references);
        Assert.True(offending.Count == 0, $"Orchestrator.Agent references {string.Join(", ", offending)}");
    }
}
