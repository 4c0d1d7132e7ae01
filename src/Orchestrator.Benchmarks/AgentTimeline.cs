using System.Globalization;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Where each pod's start went, from the times the agent's and runc's files were made, set between the benchmark's own
/// watch times: the pod folder (the agent's worker begins), the image's root folder in the bundle (unpack begins), the
/// last file unpacked, config.json (written just before runc create), runc's pid file (create done), and runc's state
/// folder (changed when start removes its exec fifo). Read while the pods run, before deletion removes the bundles.
/// </summary>
public static class AgentTimeline
{
    private static readonly string[] Steps =
    [
        "create returned -> bound (API + scheduler)",
        "bound -> agent made the pod folder",
        "pod folder -> unpack begins (status writes)",
        "image unpack into the bundle",
        "unpacked -> config.json ('Pulled' event)",
        "runc create (sh + runc, until its pid file)",
        "'Created' event + runc start",
        "started -> Running on the watch (status write)",
    ];

    /// <summary>Prints the steps' percentiles; returns those of config.json to started, the agent's own runc create + start.</summary>
    public static async Task<Percentiles> PrintAsync(string nodeDir, IReadOnlyList<PodTrace> pods)
    {
        var files = await StatAsync(Path.Combine(nodeDir, "pods"), Path.Combine(nodeDir, "runtime", "runc", "state"));
        var samples = Steps.Select(_ => new List<double>()).ToArray();
        var runc = new List<double>();
        var complete = 0;
        foreach (var pod in pods.Where(p => p.Uid is not null && p.Bound > 0 && p.RunningAt > 0))
        {
            var id = $"o-{pod.Uid}-c0-0";
            var bundle = Path.Combine(nodeDir, "pods", pod.Uid!, "containers", id);
            var rootfs = Path.Combine(bundle, "rootfs");
            double?[] points =
            [
                PodTrace.UnixSeconds(pod.Posted),
                PodTrace.UnixSeconds(pod.Bound),
                files.GetValueOrDefault(Path.Combine(nodeDir, "pods", pod.Uid!))?.Born,
                files.GetValueOrDefault(rootfs)?.Born,
                // ctime, which unpacking cannot set back as it sets mtime from the layer; files only, since runc adds mount-point folders later.
                files.Where(f => !f.Value.IsDirectory && f.Key.StartsWith(rootfs + "/", StringComparison.Ordinal)).Select(f => (double?)f.Value.Changed).Max(),
                files.GetValueOrDefault(Path.Combine(bundle, "config.json"))?.Born,
                files.GetValueOrDefault(Path.Combine(bundle, "init.pid"))?.Born,
                files.GetValueOrDefault(Path.Combine(nodeDir, "runtime", "runc", "state", id))?.Modified,
                PodTrace.UnixSeconds(pod.RunningAt),
            ];
            if (points.Any(p => p is null or <= 0))
            {
                continue;
            }
            complete++;
            for (var i = 0; i < Steps.Length; i++)
            {
                samples[i].Add((points[i + 1]!.Value - points[i]!.Value) * 1000);
            }
            runc.Add((points[7]!.Value - points[5]!.Value) * 1000);
        }
        Report.Line("pods with every time known", $"{complete} of {pods.Count} (file times tick every few ms)");
        for (var i = 0; i < Steps.Length; i++)
        {
            Report.Line(Steps[i], Percentiles.Of(samples[i]).Format("ms"));
        }
        var createStart = Percentiles.Of(runc);
        Report.Line("the agent's runc create + start (with the event)", createStart.Format("ms"));
        return createStart;
    }

    private static async Task<Dictionary<string, FileTimes>> StatAsync(params string[] folders)
    {
        // stat rather than .NET's file times: it gives birth and change times, which FileSystemInfo does not.
        var (_, output, _) = await ChildCommand.RunAsync("find", [.. folders, "-exec", "stat", "--format", "%.9W|%.9Z|%.9Y|%F|%n", "{}", "+"], TimeSpan.FromSeconds(60));
        var files = new Dictionary<string, FileTimes>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('|', 5);
            if (parts.Length == 5)
            {
                files[parts[4]] = new FileTimes(Seconds(parts[0]), Seconds(parts[1]), Seconds(parts[2]), parts[3] == "directory");
            }
        }
        return files;
    }

    // stat prints 0 (or '-') for a birth time the file system does not keep.
    private static double Seconds(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;

    private sealed record FileTimes(double Born, double Changed, double Modified, bool IsDirectory);
}
