using System.Diagnostics;

namespace Orchestrator.Benchmarks;

/// <summary>Prints "label: done/total" on stderr every few seconds while a long phase runs.</summary>
public sealed class Progress : IDisposable
{
    private readonly Timer _timer;

    public Progress(string label, int total, Func<int> done)
    {
        var clock = Stopwatch.StartNew();
        _timer = new Timer(_ =>
        {
            var n = done();
            Console.Error.WriteLine($"  .. {label}: {n:N0}/{total:N0} after {clock.Elapsed.TotalSeconds:F0} s ({n / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):N0}/s)");
        }, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    public void Dispose() => _timer.Dispose();
}
