namespace Orchestrator.Benchmarks;

/// <summary>What the watchers saw: events delivered, the time until the last watcher had them all, and how many fell short.</summary>
public sealed record WatchResult(int Watchers, int PodsCreated, long EventsDelivered, TimeSpan UntilLastEvent, TimeSpan CreatesTook, int Incomplete, string? FirstProblem)
{
    public double EventsPerSecond => EventsDelivered / Math.Max(UntilLastEvent.TotalSeconds, 1e-9);

    /// <summary>How long after the last acknowledged create the last watcher got its last event.</summary>
    public TimeSpan Lag => UntilLastEvent - CreatesTook;
}
