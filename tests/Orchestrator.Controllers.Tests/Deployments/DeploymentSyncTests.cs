using k8s.Models;
using Orchestrator.Controllers.Deployments;
using static Orchestrator.Controllers.Tests.Testing.Deployments;
using static Orchestrator.Controllers.Tests.Testing.Objects;

namespace Orchestrator.Controllers.Tests.Deployments;

public sealed class DeploymentSyncTests
{
    [Fact]
    public void A_new_deployment_gets_a_replica_set_named_by_its_template_hash_with_every_replica_and_revision_1()
    {
        var d = Deployment(4);

        var plan = DeploymentSync.Plan(d, [], [], Now);

        var rs = Assert.IsType<V1ReplicaSet>(plan.Create);
        var hash = PodTemplateHash.Compute(d.Spec.Template, null);
        Assert.Equal(($"web-{hash}", 4), (rs.Metadata.Name, rs.Spec.Replicas));
        Assert.Equal(hash, rs.Spec.Selector.MatchLabels[PodTemplateHash.Label]);
        Assert.Equal(hash, rs.Spec.Template.Metadata.Labels[PodTemplateHash.Label]);
        Assert.Equal(("1", "4", "5"), (rs.Metadata.Annotations[DeploymentAnnotations.Revision], rs.Metadata.Annotations[DeploymentAnnotations.DesiredReplicas],
            rs.Metadata.Annotations[DeploymentAnnotations.MaxReplicas]));
        Assert.Equal((true, true, Uid), (rs.Metadata.OwnerReferences[0].Controller, rs.Metadata.OwnerReferences[0].BlockOwnerDeletion, rs.Metadata.OwnerReferences[0].Uid));
        Assert.Equal("1", plan.Annotations![DeploymentAnnotations.Revision]);
        Assert.Equal(DeploymentConditions.NewReplicaSetCreated, DeploymentConditions.Get(plan.Status!, DeploymentConditions.Progressing)!.Reason);
        Assert.Contains(("Normal", "ScalingReplicaSet", $"Scaled up replica set web-{hash} from 0 to 4"), plan.Events);
    }

    [Theory]
    // Each row is one sync of a 4-replica rollout (maxSurge 1, maxUnavailable 1): old and new ReplicaSets as
    // (wanted, available) before, and their sizes after. At most 5 pods exist and at least 3 are available.
    [InlineData(4, 4, -1, -1, 3, 1)] // new created with 4 + 1 - 4 = 1; 4 available - 3 allowed = 1 old pod goes at once
    [InlineData(3, 3, 1, 1, 3, 2)]   // 4 pods < 5 allowed: the new one grows first
    [InlineData(3, 3, 2, 0, 3, 2)]   // 5 pods, 2 new ones not available yet: 5 - 3 - 2 = 0 old pods may go
    [InlineData(3, 3, 2, 2, 1, 2)]   // 5 pods, all available: 5 - 3 = 2 old pods go
    [InlineData(1, 1, 4, 4, 0, 4)]   // the new one is complete: the last old pod goes
    [InlineData(2, 3, 3, 2, 1, 3)]   // old cut to 2 but its status still says 3 available: only its 2 count, 2 + 2 - 3 = 1 goes (the stale 3 took both)
    public void A_rolling_update_moves_within_max_surge_and_max_unavailable(int oldWanted, int oldAvailable, int newWanted, int newAvailable, int oldAfter, int newAfter)
    {
        var old = ReplicaSet("nginx:1", oldWanted, oldAvailable, revision: 1, ageMinutes: 10, desired: 4, max: 5);
        List<V1ReplicaSet> sets = [old];
        V1ReplicaSet? current = null;
        if (newWanted >= 0)
        {
            current = ReplicaSet("nginx:2", newWanted, newAvailable, revision: 2, ageMinutes: 1, desired: 4, max: 5);
            sets.Add(current);
        }

        var plan = DeploymentSync.Plan(Deployment(4), sets, [], Now);

        var newSize = current is null ? plan.Create!.Spec.Replicas : SizeOf(plan, current);
        Assert.Equal((oldAfter, newAfter), (SizeOf(plan, old), newSize));
    }

    [Fact]
    public void Recreate_scales_every_old_replica_set_to_zero_and_waits_for_their_pods_before_creating_the_new_one()
    {
        var old = ReplicaSet("nginx:1", 3, 3, revision: 1, ageMinutes: 10, desired: 3);
        var d = Deployment(3, strategy: "Recreate");

        var first = DeploymentSync.Plan(d, [old], [], Now);
        old.Spec.Replicas = 0;
        var pod = Pod("old-pod", owner: old.Metadata.Uid);
        var waiting = DeploymentSync.Plan(d, [old], [pod], Now);
        old.Status.Replicas = 0;
        old.Status.AvailableReplicas = 0;
        var created = DeploymentSync.Plan(d, [old], [], Now);

        Assert.Equal((0, (V1ReplicaSet?)null), (SizeOf(first, old), first.Create));
        Assert.Null(waiting.Create);
        Assert.Equal(3, created.Create!.Spec.Replicas);
    }

    [Fact]
    public void Rolling_back_to_an_old_template_raises_that_replica_set_to_the_next_revision_and_keeps_its_history()
    {
        var first = ReplicaSet("nginx:1", 0, 0, revision: 1, ageMinutes: 10, desired: 4);
        var second = ReplicaSet("nginx:2", 4, 4, revision: 2, ageMinutes: 5, desired: 4);

        var plan = DeploymentSync.Plan(Deployment(4, image: "nginx:1"), [first, second], [], Now);

        var raised = plan.Update.Single(rs => rs.Metadata.Name == first.Metadata.Name);
        Assert.Equal(("3", "1"), (raised.Metadata.Annotations[DeploymentAnnotations.Revision], raised.Metadata.Annotations[DeploymentAnnotations.RevisionHistory]));
        Assert.Equal("3", plan.Annotations![DeploymentAnnotations.Revision]);
        Assert.Null(plan.Create);
    }

    [Fact]
    public void A_complete_rollout_reports_new_replica_set_available_and_deletes_history_beyond_the_limit()
    {
        V1ReplicaSet[] old = [ReplicaSet("nginx:a", 0, 0, 1, 30), ReplicaSet("nginx:b", 0, 0, 2, 20), ReplicaSet("nginx:c", 0, 0, 3, 10)];
        var current = ReplicaSet("nginx:2", 4, 4, revision: 4, ageMinutes: 1, desired: 4, max: 5);

        var plan = DeploymentSync.Plan(Deployment(4, revisionHistoryLimit: 1), [.. old, current], [], Now);

        Assert.Equal([old[0].Metadata.Name, old[1].Metadata.Name], plan.Delete.Select(rs => rs.Metadata.Name));
        var progressing = DeploymentConditions.Get(plan.Status!, DeploymentConditions.Progressing)!;
        Assert.Equal(("True", DeploymentConditions.NewReplicaSetAvailable), (progressing.Status, progressing.Reason));
        Assert.Equal("True", DeploymentConditions.Get(plan.Status!, DeploymentConditions.Available)!.Status);
        Assert.Equal((4, 4, 4, 2L), (plan.Status!.Replicas, plan.Status.UpdatedReplicas, plan.Status.AvailableReplicas, plan.Status.ObservedGeneration));
    }

    [Theory]
    [InlineData(11, "False", DeploymentConditions.ProgressDeadlineExceeded)]
    [InlineData(4, "True", DeploymentConditions.ReplicaSetUpdated)]
    public void A_rollout_without_progress_for_longer_than_its_deadline_is_reported_as_exceeded(int secondsSinceProgress, string status, string reason)
    {
        var current = ReplicaSet("nginx:2", 2, 0, revision: 1, ageMinutes: 1, desired: 2, max: 3);
        var d = Deployment(2, progressDeadlineSeconds: 10);
        d.Status = new V1DeploymentStatus
        {
            Replicas = 2,
            UpdatedReplicas = 2,
            ObservedGeneration = 2,
            Conditions = [DeploymentConditions.New(DeploymentConditions.Progressing, "True", DeploymentConditions.ReplicaSetUpdated, "progressing", Now.AddSeconds(-secondsSinceProgress))],
        };

        var plan = DeploymentSync.Plan(d, [current], [], Now);

        var progressing = DeploymentConditions.Get(plan.Status ?? d.Status, DeploymentConditions.Progressing)!;
        Assert.Equal((status, reason), (progressing.Status, progressing.Reason));
        Assert.Equal(status == "True" ? Now.AddSeconds(10 - secondsSinceProgress + 1) : null, plan.RecheckAt);
    }

    [Fact]
    public void Scaling_during_a_rollout_shares_the_new_replicas_in_proportion()
    {
        // 4 -> 8 replicas with maxSurge 1: 9 pods allowed, 5 exist; old gets round(3 * 9 / 5) - 3 = 2, new round(2 * 9 / 5) - 2 = 2.
        var old = ReplicaSet("nginx:1", 3, 3, revision: 1, ageMinutes: 10, desired: 4, max: 5);
        var current = ReplicaSet("nginx:2", 2, 0, revision: 2, ageMinutes: 1, desired: 4, max: 5);

        var plan = DeploymentSync.Plan(Deployment(8), [old, current], [], Now);

        Assert.Equal((5, 4), (SizeOf(plan, old), SizeOf(plan, current)));
    }

    [Fact]
    public void A_paused_deployment_says_so_and_creates_no_replica_set_for_a_new_template()
    {
        var old = ReplicaSet("nginx:1", 2, 2, revision: 1, ageMinutes: 10, desired: 2);
        var d = Deployment(2);
        d.Spec.Paused = true;

        var plan = DeploymentSync.Plan(d, [old], [], Now);

        Assert.Null(plan.Create);
        Assert.Equal(DeploymentConditions.Paused, DeploymentConditions.Get(plan.Status!, DeploymentConditions.Progressing)!.Reason);
    }
}
