using System.Diagnostics;
using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;
using Xunit.Abstractions;
using static Orchestrator.Scheduling.Tests.Plugins.DefaultPreemption.PreemptionCase;

namespace Orchestrator.Scheduling.Tests.Plugins.DefaultPreemption;

public sealed class PreemptionSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void Preemption_over_five_thousand_full_nodes()
    {
        // Every node is full with four 1,000m pods of priority 0..3: a pod of priority 0 finds no victims on any
        // node, one of priority 10 dry-runs until it has 500 candidates (10% of 5,000).
        var nodes = Enumerable.Range(0, 5000).Select(i => (NodeInfo)NodeBuilder.Named($"node-{i}")
            .Running([.. Enumerable.Range(0, 4).Select(j => (PodInfo)Pod($"pod-{i}-{j}", 1000, j))]));
        var snapshot = Snapshot.Of(nodes);
        var scheduler = new Scheduler(new Random(2024));

        // Timed for the report only: a smoke test must never fail because a CI machine is slow.
        var clock = Stopwatch.StartNew();
        var nobody = scheduler.Schedule(Pod("equal", 1000, 0), snapshot);
        var noVictims = clock.Elapsed;
        var preempted = Enumerable.Range(0, 10).Select(i => scheduler.Schedule(Pod($"urgent-{i}", 2000, 10), snapshot)).ToList();
        clock.Stop();

        output.WriteLine($"no victims on 5,000 nodes: {noVictims.TotalMilliseconds:F0}ms; 10 preemptions: {(clock.Elapsed - noVictims).TotalMilliseconds / 10:F0}ms each");
        Assert.Equal("", nobody.NominatedNodeName);

        // Each urgent pod frees 2,000m by evicting the two lowest (priority 0 and 1) pods of some node.
        Assert.All(preempted, r => Assert.Equal([0, 1], r.Victims.Select(v => v.Priority).Order()));
    }
}
