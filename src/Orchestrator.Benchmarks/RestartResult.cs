namespace Orchestrator.Benchmarks;

/// <summary>How the stop and the restart went: SIGTERM to exit, start to ready, start to the first 200, pods afterwards.</summary>
public sealed record RestartResult(TimeSpan Stop, TimeSpan UntilReady, TimeSpan UntilAnswered, int PodsAfter);
