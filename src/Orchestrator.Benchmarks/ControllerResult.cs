namespace Orchestrator.Benchmarks;

/// <summary>What the controller benchmark measured; <see cref="Replacement"/> is null when the pods were not replaced in time.</summary>
public sealed record ControllerResult(
    int Replicas,
    TimeSpan ScaleUp,
    TimeSpan Rollout,
    int AvailableBefore,
    int LowestAvailable,
    TimeSpan? Replacement,
    int FirstEvictions,
    int MassEvictions,
    int MassEvictedNodes,
    int MassKilledNodes,
    TimeSpan PartitionWindow);
