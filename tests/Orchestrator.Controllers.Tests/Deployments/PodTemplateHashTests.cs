using Orchestrator.Controllers.Deployments;
using static Orchestrator.Controllers.Tests.Testing.Deployments;

namespace Orchestrator.Controllers.Tests.Deployments;

public sealed class PodTemplateHashTests
{
    [Fact]
    public void The_hash_is_stable_spelled_safely_and_changes_with_the_template_or_the_collision_count()
    {
        var hash = PodTemplateHash.Compute(Template("nginx:1"), null);

        Assert.Equal(hash, PodTemplateHash.Compute(Template("nginx:1"), null));
        Assert.NotEqual(hash, PodTemplateHash.Compute(Template("nginx:2"), null));
        Assert.NotEqual(hash, PodTemplateHash.Compute(Template("nginx:1"), 1));
        Assert.All(hash, c => Assert.Contains(c, "bcdfghjklmnpqrstvwxz2456789"));
    }

    [Fact]
    public void Templates_are_equal_whatever_their_pod_template_hash_label()
    {
        var labelled = Template("nginx:1");
        labelled.Metadata.Labels[PodTemplateHash.Label] = "abc";

        Assert.True(PodTemplateHash.EqualIgnoreHash(labelled, Template("nginx:1")));
        Assert.False(PodTemplateHash.EqualIgnoreHash(labelled, Template("nginx:2")));
    }
}
