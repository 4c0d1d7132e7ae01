using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Follows orchestrator_scheduler_binds_total{outcome="Bound"} like scheduler_perf's throughput collector: polled every
/// 100 ms for the completion time, folded into one pods-bound-per-second sample per second once binding has begun.
/// </summary>
public static class BindSampler
{
    private const string Series = "orchestrator_scheduler_binds_total{";

    public static async Task<long> BoundAsync(ApiClient api)
    {
        long bound = 0;
        foreach (var line in Encoding.UTF8.GetString(await api.GetBytesAsync("/metrics")).Split('\n'))
        {
            if (line.StartsWith(Series, StringComparison.Ordinal) && line.Contains("outcome=\"Bound\"", StringComparison.Ordinal))
            {
                bound += (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }
        return bound;
    }

    /// <summary>When the server's scheduler began, and its first and latest bind (unix seconds; 0 when not yet).</summary>
    public static async Task<(double Synchronized, double First, double Last)> WindowAsync(ApiClient api)
    {
        double synchronized = 0, first = 0, last = 0;
        foreach (var line in Encoding.UTF8.GetString(await api.GetBytesAsync("/metrics")).Split('\n'))
        {
            if (line.StartsWith("orchestrator_scheduler_synchronized_timestamp_seconds ", StringComparison.Ordinal))
            {
                synchronized = double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("orchestrator_scheduler_first_bind_timestamp_seconds ", StringComparison.Ordinal))
            {
                first = double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("orchestrator_scheduler_last_bind_timestamp_seconds ", StringComparison.Ordinal))
            {
                last = double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }
        return (synchronized, first, last);
    }

    /// <summary>Samples until <paramref name="expected"/> more pods than <paramref name="baseline"/> are bound, or nothing binds for <paramref name="stall"/>.</summary>
    public static async Task<BindTrace> FollowAsync(ApiClient api, long baseline, int expected, Stopwatch clock, TimeSpan stall)
    {
        var samples = new List<double>();
        var mark = clock.Elapsed;
        var lastProgress = mark;
        long atMark = 0, last = 0;
        using var progress = new Progress("bound", expected, () => (int)Volatile.Read(ref last));
        while (true)
        {
            await Task.Delay(100);
            var bound = await BoundAsync(api) - baseline;
            var now = clock.Elapsed;
            if (bound > last)
            {
                lastProgress = now;
                Volatile.Write(ref last, bound);
            }
            var interval = now - mark;
            if (interval >= TimeSpan.FromSeconds(1) || bound >= expected)
            {
                // Seconds before the first bind measure the create path, not the scheduler; a final partial second counts at its rate.
                if (bound > 0 && interval >= TimeSpan.FromMilliseconds(250))
                {
                    samples.Add((bound - atMark) / interval.TotalSeconds);
                }
                (mark, atMark) = (now, bound);
            }
            if (bound >= expected)
            {
                return new BindTrace(bound, expected, now, [.. samples]);
            }
            if (now - lastProgress > stall)
            {
                return new BindTrace(bound, expected, bound > 0 ? lastProgress : null, [.. samples]);
            }
        }
    }
}
