using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Benchmarks;

/// <summary>CPU time of processes this benchmark started, read from /proc (utime + stime).</summary>
public static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux the benchmark runs on

    /// <summary>Seconds of CPU the process has used so far; 0 once it is gone.</summary>
    public static double Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Waits until the processes together use less than <paramref name="cores"/> of a core over a second (a warm-up's
    /// background work, tiered JIT compiling above all, is done), or <paramref name="timeout"/> passes; returns how long
    /// it waited and the last second's use.
    /// </summary>
    public static async Task<(TimeSpan Waited, double Cores)> SettleAsync(IReadOnlyList<int> pids, double cores, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var before = pids.Sum(Seconds);
        var at = clock.Elapsed;
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = pids.Sum(Seconds);
            var used = (now - before) / (clock.Elapsed - at).TotalSeconds;
            if (used < cores || clock.Elapsed > timeout)
            {
                return (clock.Elapsed, used);
            }
            (before, at) = (now, clock.Elapsed);
        }
    }
}
