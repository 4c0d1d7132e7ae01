namespace Orchestrator.Benchmarks;

/// <summary>The agent benchmark's headline figures, for its summary.</summary>
public sealed record AgentResult(
    AgentStartPhase Paced,
    AgentStartPhase Burst,
    Percentiles BareRunc,
    Percentiles AgentRunc,
    Percentiles? Podman,
    ProcessMemory Idle,
    ProcessMemory Loaded);
