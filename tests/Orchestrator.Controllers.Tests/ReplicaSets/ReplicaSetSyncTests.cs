using k8s.Models;
using Orchestrator.Controllers.ReplicaSets;
using static Orchestrator.Controllers.Tests.Testing.Objects;

namespace Orchestrator.Controllers.Tests.ReplicaSets;

public sealed class ReplicaSetSyncTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(3, 0, 3, 0)]
    [InlineData(3, 2, 1, 0)]
    [InlineData(3, 3, 0, 0)]
    [InlineData(1, 3, 0, 2)]
    [InlineData(0, 3, 0, 3)]
    [InlineData(900, 0, ReplicaSetSync.BurstReplicas, 0)]
    public void Creates_or_deletes_the_difference_up_to_a_burst(int replicas, int existing, int create, int delete)
    {
        var pods = Enumerable.Range(0, existing).Select(i => Pod($"p{i}", readyFor: Long));

        var plan = ReplicaSetSync.Plan(ReplicaSet("web", replicas), pods, Now);

        Assert.Equal((create, delete), (plan.Create, plan.Delete.Count));
    }

    [Fact]
    public void Scale_down_deletes_unscheduled_then_pending_then_not_ready_then_the_newest()
    {
        V1Pod[] pods =
        [
            Pod("old-ready", age: TimeSpan.FromHours(2), readyFor: TimeSpan.FromHours(2)),
            Pod("new-ready", age: TimeSpan.FromMinutes(1), readyFor: TimeSpan.FromMinutes(1)),
            Pod("not-ready", readyFor: null),
            Pod("pending", phase: "Pending"),
            Pod("unscheduled", node: null, phase: "Pending"),
        ];

        var plan = ReplicaSetSync.Plan(ReplicaSet("web", 0), pods, Now);

        Assert.Equal(["unscheduled", "pending", "not-ready", "new-ready", "old-ready"], plan.Delete.Select(p => p.Metadata.Name));
    }

    [Fact]
    public void Matching_orphans_are_adopted_and_counted_while_pods_owned_by_others_are_not()
    {
        V1Pod[] pods = [Pod("mine", readyFor: Long), Pod("orphan", owner: null, readyFor: Long), Pod("theirs", owner: "other-uid", readyFor: Long)];

        var plan = ReplicaSetSync.Plan(ReplicaSet("web", 2), pods, Now);

        Assert.Equal("orphan", Assert.Single(plan.Adopt).Metadata.Name);
        Assert.Equal((0, 0, 2), (plan.Create, plan.Delete.Count, plan.Status.Replicas));
    }

    [Fact]
    public void An_owned_pod_whose_labels_stopped_matching_is_released_and_replaced()
    {
        var relabelled = Pod("relabelled", readyFor: Long);
        relabelled.Metadata.Labels["app"] = "debug";

        var plan = ReplicaSetSync.Plan(ReplicaSet("web", 1), [relabelled], Now);

        Assert.Equal("relabelled", Assert.Single(plan.Release).Metadata.Name);
        Assert.Equal(1, plan.Create);
    }

    [Fact]
    public void Status_counts_ready_pods_as_available_only_after_min_ready_seconds_and_says_when_to_look_again()
    {
        V1Pod[] pods = [Pod("a", readyFor: TimeSpan.FromSeconds(30)), Pod("b", readyFor: TimeSpan.FromSeconds(4)), Pod("c"), Pod("gone", phase: "Failed")];

        var plan = ReplicaSetSync.Plan(ReplicaSet("web", 3, minReadySeconds: 10, generation: 4), pods, Now);

        // a is available; b becomes available 6 s from now; c is not ready; the failed pod is not counted at all.
        Assert.Equal((3, 3, 2, 1, 4L), (plan.Status.Replicas, plan.Status.FullyLabeledReplicas!.Value, plan.Status.ReadyReplicas!.Value,
            plan.Status.AvailableReplicas!.Value, plan.Status.ObservedGeneration!.Value));
        Assert.Equal(Now.AddSeconds(6), plan.RecheckAt);
        Assert.Equal(0, plan.Create);
    }

    [Fact]
    public void A_replica_set_being_deleted_neither_creates_nor_adopts()
    {
        var rs = ReplicaSet("web", 3);
        rs.Metadata.DeletionTimestamp = Now.UtcDateTime;

        var plan = ReplicaSetSync.Plan(rs, [Pod("orphan", owner: null)], Now);

        Assert.Equal((0, 0), (plan.Create, plan.Adopt.Count));
    }

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(7, new[] { 1, 2, 4 })]
    [InlineData(10, new[] { 1, 2, 4, 3 })]
    [InlineData(0, new int[0])]
    public void Creations_start_slow_and_double(int count, int[] batches) =>
        Assert.Equal(batches, ReplicaSetSync.SlowStartBatches(count));

    [Fact]
    public void A_failed_creation_sets_replica_failure_once_and_a_successful_sync_clears_it()
    {
        var failed = ReplicaSetSync.WithReplicaFailure(new V1ReplicaSetStatus(), "pods \"web-x\" is forbidden", Now);
        var again = ReplicaSetSync.WithReplicaFailure(failed, "another error", Now.AddMinutes(1));
        var cleared = ReplicaSetSync.WithReplicaFailure(again, null, Now.AddMinutes(2));

        var condition = Assert.Single(again.Conditions);
        Assert.Equal(("ReplicaFailure", "True", "FailedCreate", "pods \"web-x\" is forbidden"), (condition.Type, condition.Status, condition.Reason, condition.Message));
        Assert.Null(cleared.Conditions);
    }
}
