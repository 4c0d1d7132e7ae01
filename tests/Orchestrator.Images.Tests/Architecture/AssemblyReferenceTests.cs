namespace Orchestrator.Images.Tests.Architecture;

public sealed class AssemblyReferenceTests
{
    private static readonly string[] Forbidden = ["Orleans", "Microsoft.Orleans", "Microsoft.AspNetCore", "Prometheus", "KubernetesClient", "Orchestrator."];

    [Fact]
    public void The_images_library_stands_alone_so_the_agent_and_the_cli_can_both_use_it()
    {
        var references = typeof(ImageStore).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var offending = references.Where(r => Forbidden.Any(f => r.StartsWith(f, StringComparison.OrdinalIgnoreCase))).ToList();

        Assert.True(offending.Count == 0, $"Orchestrator.Images references {string.Join(", ", offending)}");
    }
}
