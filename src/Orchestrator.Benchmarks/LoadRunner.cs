using System.Diagnostics;

namespace Orchestrator.Benchmarks;

/// <summary>Runs a numbered operation <c>count</c> times from <c>clients</c> closed-loop callers and times each call.</summary>
public static class LoadRunner
{
    /// <summary>Runs the phase; <paramref name="operation"/> gets its index and returns false (or throws) on failure.</summary>
    public static async Task<LoadResult> RunAsync(string label, int count, int clients, Func<int, Task<bool>> operation)
    {
        var next = -1;
        var failures = 0;
        var done = 0;
        var perClient = new List<long>[clients];
        string? firstError = null;
        using var progress = new Progress(label, count, () => Volatile.Read(ref done));
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var ticks = perClient[c] = new List<long>(count / clients + 1);
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation(i);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                {
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                    ok = false;
                }
                ticks.Add(Stopwatch.GetTimestamp() - started);
                Interlocked.Increment(ref done);
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        if (firstError is not null)
        {
            Console.Error.WriteLine($"  {label}: first transport error: {firstError}");
        }
        var all = new List<long>(count);
        foreach (var ticks in perClient)
        {
            all.AddRange(ticks);
        }
        return new LoadResult(count, failures, elapsed, all);
    }
}
