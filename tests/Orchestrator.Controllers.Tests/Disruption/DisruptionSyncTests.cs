using k8s.Models;
using Orchestrator.Controllers.Disruption;
using static Orchestrator.Controllers.Tests.Testing.Objects;

namespace Orchestrator.Controllers.Tests.Disruption;

public sealed class DisruptionSyncTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    // min/max as given ("" for unset), the ReplicaSet's replicas, ready and not-ready pods, and the expected status.
    [Theory]
    [InlineData("2", "", 3, 3, 0, 3, 2, 3, 1)] // minAvailable 2 of 3 healthy: 1; expected is the pod count
    [InlineData("50%", "", 4, 4, 0, 4, 2, 4, 2)] // 50% of the scale 4 = 2 must stay
    [InlineData("", "1", 3, 3, 0, 3, 2, 3, 1)] // maxUnavailable 1 of scale 3: 2 must stay
    [InlineData("", "34%", 3, 3, 0, 3, 1, 3, 2)] // 34% of 3 = 1.02, rounded up to 2 unavailable: 1 must stay
    [InlineData("", "1", 3, 2, 1, 3, 2, 2, 0)] // one pod not ready already spends the budget
    [InlineData("", "1", 5, 3, 0, 5, 4, 3, 0)] // the scale, not the pods, sets the expectation: 5 wanted, 3 there
    [InlineData("", "0", 3, 3, 0, 3, 3, 3, 0)] // maxUnavailable 0: never
    [InlineData("0%", "", 2, 2, 0, 2, 0, 2, 2)] // minAvailable 0%: every pod may go
    public void A_budget_allows_the_healthy_pods_beyond_those_it_needs(
        string min, string max, int replicas, int ready, int notReady, int expected, int desired, int healthy, int allowed)
    {
        var pods = Enumerable.Range(0, ready).Select(i => Pod($"r{i}", readyFor: Long)).Concat(Enumerable.Range(0, notReady).Select(i => Pod($"n{i}")));

        var result = DisruptionSync.Compute(Budget(min, max), [.. pods], (_, _) => ("rs-uid", replicas), Now);

        var status = result.Status;
        Assert.Equal((expected, desired, healthy, allowed), (status.ExpectedPods, status.DesiredHealthy, status.CurrentHealthy, status.DisruptionsAllowed));
        var condition = Assert.Single(status.Conditions);
        Assert.Equal(allowed > 0 ? ("True", "SufficientPods") : ("False", "InsufficientPods"), (condition.Status, condition.Reason));
        Assert.Equal(3, status.ObservedGeneration);
    }

    [Theory]
    [InlineData(10, 2, 0)] // evicted 10 s ago and not yet deleted: still disrupted, so 2 healthy of 3 and none allowed
    [InlineData(180, 3, 1)] // evicted 3 min ago (over the 2 min timeout): assumed to stay, counted healthy again
    public void An_evicted_pod_counts_as_disrupted_until_deleted_or_timed_out(int secondsAgo, int healthy, int allowed)
    {
        var pdb = Budget("2", "");
        pdb.Status = new V1PodDisruptionBudgetStatus { DisruptedPods = new Dictionary<string, DateTime?> { ["r0"] = Now.AddSeconds(-secondsAgo).UtcDateTime } };
        V1Pod[] pods = [Pod("r0", readyFor: Long), Pod("r1", readyFor: Long), Pod("r2", readyFor: Long)];

        var result = DisruptionSync.Compute(pdb, pods, (_, _) => null, Now);

        Assert.Equal((healthy, allowed), (result.Status.CurrentHealthy, result.Status.DisruptionsAllowed));
        Assert.Equal(secondsAgo < 120 ? Now.AddSeconds(120 - secondsAgo) : null, result.RecheckAt);
    }

    [Fact]
    public void A_terminating_pod_is_not_healthy_and_leaves_the_disrupted_list()
    {
        var pdb = Budget("1", "");
        pdb.Status = new V1PodDisruptionBudgetStatus { DisruptedPods = new Dictionary<string, DateTime?> { ["r0"] = Now.UtcDateTime } };
        var leaving = Pod("r0", readyFor: Long);
        leaving.Metadata.DeletionTimestamp = Now.UtcDateTime;

        var result = DisruptionSync.Compute(pdb, [leaving, Pod("r1", readyFor: Long)], (_, _) => null, Now);

        Assert.Equal((1, 0), (result.Status.CurrentHealthy, result.Status.DisruptionsAllowed));
        Assert.Null(result.Status.DisruptedPods);
    }

    [Fact]
    public void Pods_without_a_scalable_controller_make_a_maxUnavailable_budget_allow_nothing_and_say_why()
    {
        var result = DisruptionSync.Compute(Budget("", "1"), [Pod("orphan", owner: null, readyFor: Long)], (_, _) => null, Now);

        var condition = Assert.Single(result.Status.Conditions);
        Assert.Equal((0, "False", "SyncFailed"), (result.Status.DisruptionsAllowed, condition.Status, condition.Reason));
        Assert.Contains("orphan", result.Error, StringComparison.Ordinal);
    }

    private static V1PodDisruptionBudget Budget(string min, string max) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Generation = 3 },
        Spec = new V1PodDisruptionBudgetSpec
        {
            MinAvailable = min.Length == 0 ? null : (IntOrString)min,
            MaxUnavailable = max.Length == 0 ? null : (IntOrString)max,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
        },
    };
}
