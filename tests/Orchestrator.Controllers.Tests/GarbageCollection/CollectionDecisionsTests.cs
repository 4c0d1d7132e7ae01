using k8s.Models;
using Orchestrator.Controllers.GarbageCollection;

namespace Orchestrator.Controllers.Tests.GarbageCollection;

public sealed class CollectionDecisionsTests
{
    [Theory]
    [InlineData(new[] { OwnerState.Dangling }, false, null, true, "Background")]
    [InlineData(new[] { OwnerState.Dangling, OwnerState.Dangling }, false, null, true, "Background")]
    // A waiting owner needs this dependent's own dependents gone first, so the deletion is in the foreground too.
    [InlineData(new[] { OwnerState.WaitingForDependents }, true, null, true, "Foreground")]
    [InlineData(new[] { OwnerState.WaitingForDependents }, false, null, true, "Background")]
    // A dependent's own finalizer names the policy its dependents get.
    [InlineData(new[] { OwnerState.Dangling }, false, "orphan", true, "Orphan")]
    [InlineData(new[] { OwnerState.Solid }, false, null, false, null)]
    [InlineData(new[] { OwnerState.Unknown, OwnerState.Dangling }, false, null, false, null)]
    public void A_dependent_is_deleted_only_when_no_owner_remains(OwnerState[] states, bool hasDependents, string? finalizer, bool delete, string? policy)
    {
        var dependent = Dependent(states.Length, finalizer);
        var owners = states.Select((s, i) => (dependent.OwnerReferences[i], s)).ToList();

        var decision = CollectionDecisions.ForDependent(dependent, owners, hasDependents);

        Assert.Equal((delete, policy), (decision.Delete, decision.PropagationPolicy));
    }

    [Fact]
    public void A_dependent_with_a_live_owner_drops_its_dangling_reference_and_stops_blocking_a_waiting_one()
    {
        var dependent = Dependent(3, null);
        List<(V1OwnerReference, OwnerState)> owners =
            [(dependent.OwnerReferences[0], OwnerState.Solid), (dependent.OwnerReferences[1], OwnerState.Dangling), (dependent.OwnerReferences[2], OwnerState.WaitingForDependents)];

        var decision = CollectionDecisions.ForDependent(dependent, owners, hasDependents: false);

        Assert.False(decision.Delete);
        Assert.Equal([("owner-0", true), ("owner-2", false)], decision.OwnerReferences!.Select(r => (r.Uid, r.BlockOwnerDeletion == true)));
    }

    [Fact]
    public void A_dependent_already_being_deleted_is_left_alone()
    {
        var dependent = Dependent(1, null);
        dependent.DeletionTimestamp = DateTime.UtcNow;

        Assert.Same(DependentDecision.Keep, CollectionDecisions.ForDependent(dependent, [(dependent.OwnerReferences[0], OwnerState.Dangling)], false));
    }

    [Fact]
    public void Orphaning_removes_only_the_references_to_that_owner()
    {
        var dependent = Dependent(2, null);

        Assert.Equal("owner-1", Assert.Single(CollectionDecisions.WithoutOwner(dependent, "owner-0")!).Uid);
        Assert.Null(CollectionDecisions.WithoutOwner(Dependent(1, null), "owner-0"));
        Assert.True(CollectionDecisions.Blocks(dependent, "owner-0"));
    }

    private static V1ObjectMeta Dependent(int owners, string? finalizer) => new()
    {
        Name = "dependent",
        Uid = "dependent-uid",
        Finalizers = finalizer is null ? null : [finalizer],
        OwnerReferences = [.. Enumerable.Range(0, owners).Select(i => new V1OwnerReference
        {
            ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = $"owner-{i}", Uid = $"owner-{i}", BlockOwnerDeletion = true,
        })],
    };
}
