using System.Globalization;
using System.Text;

namespace Orchestrator.Agent.Pods;

/// <summary>
/// The kubelet's CrashLoopBackOff schedule (flowcontrol.Backoff): a container that exits is restarted at once the first
/// time, then after Initial, 2 x Initial, ... up to Max; once it has run longer than ResetAfter the schedule starts over.
/// </summary>
public sealed record RestartBackoff(TimeSpan Initial, TimeSpan Max, TimeSpan ResetAfter)
{
    /// <summary>10 s doubling to 5 min; 10 min (twice the maximum) of running resets it.</summary>
    public static RestartBackoff Kubelet { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));

    /// <summary>How long a container that exited at <paramref name="finishedAt"/> still waits; zero when no backoff applies.</summary>
    /// <remarks>kubelet's IsInBackOffSince: no entry, or an entry older than ResetAfter at the exit, means no wait.</remarks>
    public TimeSpan Delay(BackoffEntry? entry, DateTimeOffset finishedAt, DateTimeOffset now)
    {
        if (entry is null || Expired(entry, finishedAt))
        {
            return TimeSpan.Zero;
        }
        var left = entry.Backoff - (now - finishedAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>The entry once the container is restarted at <paramref name="now"/>: Initial when fresh or expired, else doubled up to Max.</summary>
    public BackoffEntry Next(BackoffEntry? entry, DateTimeOffset eventTime, DateTimeOffset now) =>
        entry is null || Expired(entry, eventTime)
            ? new BackoffEntry(Initial, now)
            : new BackoffEntry(entry.Backoff * 2 < Max ? entry.Backoff * 2 : Max, now);

    public IReadOnlyList<string> Validate() =>
        Initial > TimeSpan.Zero && Max >= Initial && ResetAfter > TimeSpan.Zero
            ? []
            : [$"the restart backoff must start above zero ({Initial}), not exceed its maximum ({Max}), and reset after a positive time ({ResetAfter})"];

    /// <summary>A duration as Go prints it, as in the kubelet's "back-off 5m0s restarting failed container" message.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }
        if (duration < TimeSpan.FromSeconds(1))
        {
            return duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        }
        var text = new StringBuilder();
        if (duration.TotalHours >= 1)
        {
            text.Append((int)duration.TotalHours).Append('h');
        }
        if (duration.TotalMinutes >= 1)
        {
            text.Append(duration.Minutes).Append('m');
        }
        var seconds = duration.Seconds + (duration.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond);
        return text.Append(seconds.ToString("0.#########", CultureInfo.InvariantCulture)).Append('s').ToString();
    }

    private bool Expired(BackoffEntry entry, DateTimeOffset eventTime) => eventTime - entry.LastUpdate > ResetAfter;
}
