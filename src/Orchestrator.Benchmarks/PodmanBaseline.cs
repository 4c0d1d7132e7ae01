using System.Diagnostics;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>podman run -d</c> of the same busybox image, when podman is installed and works; otherwise a printed note. A
/// second baseline: a whole container engine (image store, storage driver, conmon) rather than the bare runtime.
/// </summary>
public static class PodmanBaseline
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Times <paramref name="runs"/> detached runs, each removed after; null (with the reason printed) when podman cannot run here.</summary>
    public static async Task<Percentiles?> RunAsync(string archive, int runs)
    {
        var podman = ChildCommand.Find("podman");
        if (podman is null)
        {
            Report.Line("podman run -d", "skipped: podman is not on PATH");
            return null;
        }
        var (loaded, stdout, stderr) = await ChildCommand.RunAsync(podman, ["load", "--input", archive], Timeout);
        if (loaded != 0)
        {
            Report.Line("podman run -d", $"skipped: podman load failed ({(stderr + stdout).Trim()})");
            return null;
        }
        var samples = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var (exitCode, id, error) = await ChildCommand.RunAsync(podman, ["run", "--detach", AgentPodFactory.Image, "sleep", "3600"], Timeout);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (exitCode != 0)
            {
                Report.Line("podman run -d", $"skipped: podman run failed ({error.Trim()})");
                return null;
            }
            await ChildCommand.RunAsync(podman, ["rm", "--force", "--time", "0", id.Trim()], Timeout);
            // The first run warms podman's storage and the page cache, as the runc baseline's does.
            if (i > 0)
            {
                samples.Add(elapsed.TotalMilliseconds);
            }
        }
        var result = Percentiles.Of(samples);
        Report.Line("podman run -d (returns once started)", result.Format("ms"));
        return result;
    }
}
