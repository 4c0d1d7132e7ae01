namespace Orchestrator.Agent.Tests.Logs;

/// <summary>A clock the log tests move by hand, so every timestamp they assert is known.</summary>
internal sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
