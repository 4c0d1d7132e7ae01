using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Queue;

/// <summary>Backoff and parking limits for the scheduling queue, with kube-scheduler's defaults.</summary>
public sealed record SchedulingQueueOptions
{
    public static SchedulingQueueOptions Default { get; } = new();

    /// <summary>Backoff after the first failed attempt; it doubles per further attempt.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a pod stays parked as unschedulable with no relevant event before it is retried anyway.</summary>
    public TimeSpan MaxUnschedulableStay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Which events can undo each plugin's rejection, keyed by plugin name.</summary>
    public ImmutableDictionary<string, ClusterEvent> EventsByPlugin { get; init; } = PluginEvents.Default;

    /// <summary>kube's calculateBackoffDuration: initial * 2^(attempts-1), capped at MaxBackoff.</summary>
    public TimeSpan BackoffFor(int attempts)
    {
        var backoff = InitialBackoff;
        for (var i = 1; i < attempts; i++)
        {
            // Compared before doubling so a large attempt count cannot overflow TimeSpan.
            if (backoff >= MaxBackoff - backoff)
            {
                return MaxBackoff;
            }

            backoff += backoff;
        }

        return backoff < MaxBackoff ? backoff : MaxBackoff;
    }

    internal void Validate()
    {
        if (InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentException($"backoff must satisfy 0 <= initial ({InitialBackoff}) <= max ({MaxBackoff})");
        }

        if (MaxUnschedulableStay <= TimeSpan.Zero)
        {
            throw new ArgumentException($"the unschedulable stay must be positive, not {MaxUnschedulableStay}");
        }
    }
}
