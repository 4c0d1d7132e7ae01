using System.Globalization;

namespace Orchestrator.Benchmarks;

/// <summary>The benchmark's command line: sizes of each phase, where the server is, what to keep.</summary>
public sealed record BenchmarkOptions(
    bool Quick,
    int Pods,
    int Checkpoint,
    int WatchPods,
    int Watchers,
    int Clients,
    string? ServerDll,
    bool KeepData,
    bool Scheduler,
    bool Agent,
    bool Controllers,
    bool SchedulerEndToEndOnly = false)
{
    public const string Usage = """
        usage: orchestrator-bench [--quick] [--scheduler | --scheduler-core | --scheduler-e2e] [--agent] [--controllers] [--pods N] [--server-dll PATH] [--keep-data]
          --quick           CI mode: 3,000 pods, checkpoints at 1,000 and 3,000, 500 watched creates (< 60 s),
                            then a quick scheduler pass (pure core on small clusters, 500 pods onto 100 nodes end to end),
                            then a quick node agent pass (20 pods; skipped with a note without root or runc),
                            then a quick controller pass (100 replicas on 10 simulated nodes)
          --scheduler       only the scheduler benchmark: pure core on 5,000 nodes (10,000 then 50,000 pods), cost
                            curve over 500/5,000/20,000 nodes, packing density, end to end 5,000 nodes (with --quick: small)
          --scheduler-core  only the scheduler's pure-core phases (no server): core, packing, cost curve, placement
                            fingerprints (with --quick: small)
          --scheduler-e2e   only the scheduler's server phases: the scheduler alone (backlog), then end to end
                            (with --quick: small)
          --agent           only the node agent benchmark (root, runc): 100 busybox pods paced then in a burst, start
                            latency, bare runc baseline, agent memory (with --quick: 20 pods)
          --controllers     only the controller benchmark: a 1,000-replica Deployment on 100 simulated nodes scaled up,
                            rolled, then 10% and 60% of its nodes killed (with --quick: 100 replicas, 10 nodes)
          --pods N          pods stored by the end (full default 150,000; the first checkpoint is min(10,000, N/3))
          --server-dll PATH the orchestrator.dll to run (default: found beside this build's output)
          --keep-data       keep the temporary data folder and print where it is
        """;

    /// <summary>Parses the flags; null (after printing why) when they are wrong.</summary>
    public static BenchmarkOptions? Parse(string[] args)
    {
        bool quick = false, keep = false, scheduler = false, agent = false, controllers = false, schedulerEndToEnd = false;
        int? pods = null;
        string? dll = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--scheduler":
                    scheduler = true;
                    break;
                case "--scheduler-e2e":
                    schedulerEndToEnd = true;
                    break;
                case "--agent":
                    agent = true;
                    break;
                case "--controllers":
                    controllers = true;
                    break;
                case "--keep-data":
                    keep = true;
                    break;
                case "--pods" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 100:
                    pods = n;
                    i++;
                    break;
                case "--server-dll" when i + 1 < args.Length:
                    dll = args[++i];
                    break;
                case "-h" or "--help":
                    Console.Error.WriteLine(Usage);
                    return null;
                default:
                    Console.Error.WriteLine($"orchestrator-bench: unknown or incomplete argument \"{args[i]}\" (--pods needs a number >= 100)");
                    Console.Error.WriteLine(Usage);
                    return null;
            }
        }
        var total = pods ?? (quick ? 3_000 : 150_000);
        var checkpoint = quick ? total / 3 : Math.Min(10_000, total / 3);
        var watchPods = Math.Min(quick ? 500 : 5_000, Math.Max(1, (total - checkpoint) / 2));
        return new BenchmarkOptions(quick, total, checkpoint, watchPods, Watchers: 100, Clients: 64, dll, keep, scheduler, agent, controllers, schedulerEndToEnd);
    }
}
