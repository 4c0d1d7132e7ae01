namespace Orchestrator.Client.Tests;

public sealed class AssemblyReferenceTests
{
    private static readonly string[] Forbidden = ["Orleans", "Microsoft.Orleans", "Microsoft.AspNetCore", "Prometheus", "prometheus-net", "Orchestrator."];

    [Fact]
    public void The_shared_client_code_knows_only_the_kubernetes_client_and_polly()
    {
        var references = typeof(ApiPipelines).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var offending = references.Where(r => Forbidden.Any(f => r.StartsWith(f, StringComparison.OrdinalIgnoreCase))).ToList();

        Assert.Contains("KubernetesClient", references);
        Assert.Contains("Polly.Core", references);
        Assert.True(offending.Count == 0, $"Orchestrator.Client references {string.Join(", ", offending)}");
    }
}
