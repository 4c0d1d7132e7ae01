using System.Diagnostics;

namespace Orchestrator.Benchmarks;

/// <summary>
/// What the agent benchmark saw of one pod, as <see cref="Stopwatch"/> timestamps (0 until seen): its create returned,
/// the watch showed it bound, taken up by the agent (a first container status), running, and deleted.
/// </summary>
public sealed class PodTrace(string name)
{
    // One pairing of the two clocks, so watch times can be set beside the file times the agent and runc leave.
    private static readonly DateTime AnchorWall = DateTime.UtcNow;
    private static readonly long AnchorTimestamp = Stopwatch.GetTimestamp();

    public string Name { get; } = name;

    public string? Uid { get; set; }

    public long Posted { get; set; }

    public long Bound { get; set; }

    public long Accepted { get; set; }

    public long RunningAt { get; private set; }

    public TaskCompletionSource Running { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Gone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>From the create's response to Running on the watch, in milliseconds.</summary>
    public double StartMilliseconds => Milliseconds(Posted, RunningAt);

    public void MarkRunning(long timestamp)
    {
        RunningAt = timestamp;
        Running.TrySetResult();
    }

    public static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    /// <summary>A <see cref="Stopwatch"/> timestamp as seconds since the Unix epoch, the unit of <c>stat</c>'s file times.</summary>
    public static double UnixSeconds(long timestamp) =>
        (AnchorWall - DateTime.UnixEpoch).TotalSeconds + ((timestamp - AnchorTimestamp) / (double)Stopwatch.Frequency);
}
