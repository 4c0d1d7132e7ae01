using System.Collections.Immutable;
using Orchestrator.Scheduling.Framework;

namespace Orchestrator.Scheduler;

/// <summary>How one scheduler instance runs: its profiles, its seed, its name in events and how many bindings it keeps in flight.</summary>
public sealed record SchedulerOptions
{
    public ImmutableArray<Profile> Profiles { get; init; } = [Profile.Default];

    /// <summary>Seeds tie-breaking between equally good nodes, so a run can be replayed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The component named in events ("From" in kubectl describe).</summary>
    public string Component { get; init; } = "default-scheduler";

    /// <summary>Bindings awaiting their durable write at once; scheduling pauses beyond this.</summary>
    public int MaxBindsInFlight { get; init; } = 512;

    /// <summary>Decisions sent to the node grains together at most (one call per node among them).</summary>
    public int BindBatch { get; init; } = 256;

    /// <summary>Scheduled events waiting to be written at most; more are dropped and counted (client-go's maxQueuedEvents).</summary>
    public int EventQueueCapacity { get; init; } = 1_000;

    /// <summary>Scheduled events written per second at most once <see cref="EventBurst"/> is spent.</summary>
    public double EventsPerSecond { get; init; } = 200;

    /// <summary>Scheduled events written at once after a quiet spell.</summary>
    public int EventBurst { get; init; } = 200;

    /// <summary>Watch events a scheduler may fall behind by before it resynchronizes from a fresh list.</summary>
    public int WatchBuffer { get; init; } = 1_000_000;
}
