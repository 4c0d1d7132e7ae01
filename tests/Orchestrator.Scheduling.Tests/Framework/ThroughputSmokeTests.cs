using System.Diagnostics;
using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;
using Xunit.Abstractions;

namespace Orchestrator.Scheduling.Tests.Framework;

public sealed class ThroughputSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void Ten_thousand_pods_schedule_onto_five_thousand_nodes()
    {
        var zones = new[] { "a", "b", "c" };
        var snapshot = Snapshot.Of(Enumerable.Range(0, 5000)
            .Select(i => (NodeInfo)NodeBuilder.Named($"node-{i}").Capacity(16_000, 65_536).Zone(zones[i % 3])));
        var scheduler = new Scheduler(new Random(2024));
        var pods = Enumerable.Range(0, 10_000)
            .Select(i => PodBuilder.Named($"pod-{i}").Requests(250, 512).OwnedBy($"rs-{i % 100}").Build())
            .ToList();

        // Timed for the report only: a smoke test must never fail because a CI machine is slow.
        var clock = Stopwatch.StartNew();
        var scheduled = 0;
        foreach (var pod in pods)
        {
            var result = scheduler.Schedule(pod, snapshot);
            if (result.IsScheduled)
            {
                snapshot = snapshot.WithPod(pod, result.SelectedNode!);
                scheduled++;
            }
        }

        clock.Stop();
        output.WriteLine($"{scheduled} pods on 5,000 nodes in {clock.Elapsed.TotalSeconds:F2}s: {scheduled / clock.Elapsed.TotalSeconds:F0} decisions/s");
        Assert.Equal(pods.Count, scheduled);
    }
}
