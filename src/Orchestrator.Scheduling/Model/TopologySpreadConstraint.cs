namespace Orchestrator.Scheduling.Model;

/// <summary>A pod topology spread constraint over kubernetes.io/hostname or topology.kubernetes.io/zone.</summary>
public sealed record TopologySpreadConstraint(
    int MaxSkew,
    string TopologyKey,
    UnsatisfiableConstraintAction WhenUnsatisfiable,
    LabelSelector LabelSelector);
