namespace Orchestrator.Simulation;

/// <summary>
/// Runs an action for every node once per interval, a slice at a time: 5,000 nodes every 10 s become 50 calls
/// every 100 ms rather than a burst of 5,000 that would stall every other client of the API server.
/// </summary>
internal static class Spread
{
    /// <summary>The shortest tick worth a timer; below it, slices grow instead.</summary>
    public static readonly TimeSpan MinTick = TimeSpan.FromMilliseconds(100);

    public static int Slices(int count, TimeSpan interval) =>
        Math.Clamp((int)(interval.Ticks / MinTick.Ticks), 1, Math.Max(count, 1));

    /// <summary>Slice <paramref name="slice"/> of <paramref name="slices"/>: every item whose index leaves that remainder.</summary>
    public static IEnumerable<T> Slice<T>(IReadOnlyList<T> items, int slice, int slices)
    {
        for (var i = slice; i < items.Count; i += slices)
        {
            yield return items[i];
        }
    }

    /// <summary>Calls <paramref name="action"/> for each item once per <paramref name="interval"/> until cancelled; the action handles its own errors.</summary>
    public static async Task EveryAsync<T>(IReadOnlyList<T> items, TimeSpan interval, int concurrency, TimeProvider time,
        Func<T, CancellationToken, Task> action, Action? afterRound, CancellationToken cancellationToken)
    {
        var slices = Slices(items.Count, interval);
        using var timer = new PeriodicTimer(interval / slices, time);
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        var slice = 0;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await Parallel.ForEachAsync(Slice(items, slice, slices), options, async (item, token) => await action(item, token));
            slice = (slice + 1) % slices;
            if (slice == 0)
            {
                afterRound?.Invoke();
            }
        }
    }
}
