using Orchestrator.Controllers.GarbageCollection;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.Tests.GarbageCollection;

public sealed class OwnerGraphTests
{
    private static readonly ObjectKey Rs = new("apps/replicasets", "default", "web");
    private static readonly ObjectKey Pod = new("/pods", "default", "web-1");

    [Fact]
    public void Removing_an_owner_names_its_dependents()
    {
        var graph = new OwnerGraph();
        graph.Set("rs", Rs, []);
        graph.Set("pod", Pod, ["rs"]);

        var (owners, dependents) = graph.Remove("rs");

        Assert.Empty(owners);
        Assert.Equal(["pod"], dependents);
    }

    [Fact]
    public void A_dependent_that_drops_a_reference_is_no_longer_listed_under_that_owner()
    {
        var graph = new OwnerGraph();
        graph.Set("pod", Pod, ["rs"]);

        var before = graph.Set("pod", Pod, []);

        Assert.Equal(["rs"], before);
        Assert.Empty(graph.DependentsOf("rs"));
        Assert.Equal(Pod, graph.KeyOf("pod"));
    }
}
