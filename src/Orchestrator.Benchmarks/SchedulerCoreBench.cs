using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Benchmarks;

/// <summary>Times the pure scheduling core in this process, one pod at a time, each assumed onto its node as the real loop does.</summary>
public static class SchedulerCoreBench
{
    /// <summary>Schedules the pods in order onto a fresh snapshot of the nodes with the default profile and a fixed seed.</summary>
    public static SchedulerCoreResult Run(ImmutableArray<NodeInfo> nodes, PodInfo[] pods, string label)
    {
        var scheduler = new Scheduler(new Random(7));
        var snapshot = Snapshot.Of(nodes);
        var micros = new double[pods.Length];

        // The nodes were built a moment ago, so the stream's first collections would copy thousands of fresh NodeInfos
        // out of gen0: one decision of 10-17 ms in every run. A running scheduler's snapshot settled into the older
        // generations long before the pods it places arrived, so the cluster is collected into them before the clock
        // starts; the same collection frees an earlier pass's snapshot, whose heap the next pass then reuses.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var scheduled = 0;
        var done = 0;
        using var progress = new Progress(label, pods.Length, () => Volatile.Read(ref done));
        var (allocated, collections, paused) = (GC.GetAllocatedBytesForCurrentThread(), GC.CollectionCount(0), GC.GetTotalPauseDuration());
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < pods.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var result = scheduler.Schedule(pods[i], snapshot);
            if (result.IsScheduled)
            {
                snapshot = snapshot.WithPod(pods[i], result.SelectedNode!);
                scheduled++;
            }
            micros[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            Volatile.Write(ref done, i + 1);
        }
        var elapsed = clock.Elapsed;
        return new SchedulerCoreResult(nodes.Length, pods.Length, scheduled, elapsed, micros, snapshot)
        {
            BytesPerDecision = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)pods.Length,
            Gen0Collections = GC.CollectionCount(0) - collections,
            GcPause = GC.GetTotalPauseDuration() - paused,
        };
    }

    /// <summary>
    /// A hash of every decision of the same stream: the chosen node and its score explanation, or the FitError. Two
    /// builds that print the same fingerprint placed every pod alike for the same reasons. Untimed: explaining costs.
    /// </summary>
    public static string Fingerprint(ImmutableArray<NodeInfo> nodes, PodInfo[] pods)
    {
        var scheduler = new Scheduler(new Random(7));
        var snapshot = Snapshot.Of(nodes);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var pod in pods)
        {
            var result = scheduler.Schedule(pod, snapshot);
            var line = result.IsScheduled
                ? $"{pod.Name} -> {result.Scores?.Explain(result.SelectedNode!) ?? result.SelectedNode} ({result.EvaluatedNodes}/{result.FeasibleNodes})\n"
                : $"{pod.Name} -> {result.FitError?.Message ?? result.Error?.ToString()}\n";
            hash.AppendData(Encoding.UTF8.GetBytes(line));
            if (result.IsScheduled)
            {
                snapshot = snapshot.WithPod(pod, result.SelectedNode!);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Microseconds for one pass over the nodes that reads each one's allocatable: the floor any full scan pays.</summary>
    public static double NoOpPassMicroseconds(ImmutableArray<NodeInfo> nodes)
    {
        const int Passes = 2_000;
        long sink = 0;
        var clock = Stopwatch.StartNew();
        for (var pass = 0; pass < Passes; pass++)
        {
            foreach (var node in nodes)
            {
                sink += node.Allocatable.MilliCpu - node.Requested.MilliCpu;
            }
        }
        GC.KeepAlive(sink);
        return clock.Elapsed.TotalMicroseconds / Passes;
    }

    /// <summary>A trivial first-fit placement of the same pods on plain arrays: microseconds per pod and nodes used.</summary>
    public static (double MicrosecondsPerPod, int NodesUsed) FirstFit(int nodeCount, PodInfo[] pods)
    {
        var cpu = new long[nodeCount];
        var memory = new long[nodeCount];
        var count = new long[nodeCount];
        var clock = Stopwatch.StartNew();
        foreach (var pod in pods)
        {
            for (var n = 0; n < nodeCount; n++)
            {
                if (cpu[n] + pod.Requests.MilliCpu <= SchedulerWorkload.NodeMilliCpu
                    && memory[n] + pod.Requests.Memory <= SchedulerWorkload.NodeMemory
                    && count[n] < SchedulerWorkload.NodePods)
                {
                    cpu[n] += pod.Requests.MilliCpu;
                    memory[n] += pod.Requests.Memory;
                    count[n]++;
                    break;
                }
            }
        }
        var micros = clock.Elapsed.TotalMicroseconds / pods.Length;
        return (micros, count.Count(c => c > 0));
    }
}
