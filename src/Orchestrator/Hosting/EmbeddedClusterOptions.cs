using Orchestrator.Admission;
using Orchestrator.Controllers.NodeLifecycle;
using Orchestrator.Controllers.PodGarbageCollection;
using Orchestrator.Controllers.Runtime;
using Orchestrator.Simulation;

namespace Orchestrator.Hosting;

/// <summary>Where the embedded cluster keeps its state, which port it serves on and how many schedulers it runs.</summary>
public sealed record EmbeddedClusterOptions(string DataDir, int Port)
{
    /// <summary>Scheduler instances in the silo: 1 normally, 0 to leave pods for an outside scheduler, 2 to race two.</summary>
    public int Schedulers { get; init; } = 1;

    /// <summary>Built-in controllers in the silo (ReplicaSet, Deployment, garbage collector): all by default, none to leave objects alone.</summary>
    public ControllerSelection Controllers { get; init; } = ControllerSelection.All;

    /// <summary>Simulated nodes to run beside the API server once it is ready; none when null or Count is 0.</summary>
    public SimulatedNodeOptions? SimulatedNodes { get; init; }

    /// <summary>The node agent for this machine: auto (runc, else crun, else plain processes), runc, crun, process, or none.</summary>
    public string Agent { get; init; } = "auto";

    /// <summary>Grace period, eviction rates and zone thresholds of the node lifecycle controller.</summary>
    public NodeLifecycleOptions NodeLifecycle { get; init; } = new();

    /// <summary>How many terminated pods the pod garbage collector keeps, and how often it looks.</summary>
    public PodGcOptions PodGc { get; init; } = new();

    /// <summary>tolerationSeconds of the default not-ready and unreachable tolerations (Kubernetes: 300).</summary>
    public long DefaultTolerationSeconds { get; init; } = AdmissionOptions.Default.DefaultTolerationSeconds;
}
