namespace Orchestrator.Simulation;

/// <summary>What happened since the last progress line, counted without locks by the loops that did it.</summary>
internal sealed class SimulationCounters
{
    private long _podsStarted;
    private long _podsDeleted;
    private long _failures;

    public void PodStarted() => Interlocked.Increment(ref _podsStarted);

    public void PodDeleted() => Interlocked.Increment(ref _podsDeleted);

    public void Failed() => Interlocked.Increment(ref _failures);

    /// <summary>Reads and resets the counts.</summary>
    public (long Started, long Deleted, long Failures) Take() =>
        (Interlocked.Exchange(ref _podsStarted, 0), Interlocked.Exchange(ref _podsDeleted, 0), Interlocked.Exchange(ref _failures, 0));
}
