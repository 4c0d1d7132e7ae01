using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Benchmarks;

/// <summary>
/// The bare OCI runtime on a bundle the agent made: a copy of a running pod's config.json and root filesystem, started
/// with runc create + start as the agent starts it (create through sh, its stdio pointed at a file), with no agent,
/// API, image unpack or status write in the way.
/// </summary>
public static class RuncBaseline
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>A cgroup parent of this run's own, so that its cgroups can never be mistaken for the agent's pods.</summary>
    public static string CgroupParent { get; } = $"orchestrator-bench-runc-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Copies config.json and rootfs of the pod's first container into <paramref name="target"/>.</summary>
    public static async Task CopyBundleAsync(string nodeDir, string podUid, string target)
    {
        var source = Path.Combine(nodeDir, "pods", podUid, "containers", $"o-{podUid}-c0-0");
        Directory.CreateDirectory(target);
        // cp -a keeps what a root filesystem needs: owners, modes, symlinks.
        await ChildCommand.CheckedAsync("cp", ["-a", "--", Path.Combine(source, "config.json"), Path.Combine(source, "rootfs"), target], Timeout);
    }

    /// <summary>Times <paramref name="runs"/> create + start pairs (after one untimed warm-up), each deleted after, in milliseconds.</summary>
    public static async Task<Percentiles> RunAsync(string runc, string bundle, string work, int runs)
    {
        var state = Path.Combine(work, "state");
        var configPath = Path.Combine(bundle, "config.json");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(configPath))!;
        config["root"]!["path"] = Path.Combine(bundle, "rootfs");
        var samples = new List<double>();
        try
        {
            for (var i = 0; i <= runs; i++)
            {
                var id = $"bench-runc-{i}";
                config["linux"]!["cgroupsPath"] = $"/{CgroupParent}/{id}";
                await File.WriteAllTextAsync(configPath, config.ToJsonString());
                var started = Stopwatch.GetTimestamp();
                await ChildCommand.CheckedAsync("/bin/sh",
                    ["-c", ChildCommand.RedirectScript, "sh", Path.Combine(work, id + ".out"), runc, "--root", state, "create", "--bundle", bundle, "--pid-file", Path.Combine(work, id + ".pid"), id],
                    Timeout);
                await ChildCommand.CheckedAsync(runc, ["--root", state, "start", id], Timeout);
                var elapsed = Stopwatch.GetElapsedTime(started);
                using (var status = JsonDocument.Parse(await ChildCommand.CheckedAsync(runc, ["--root", state, "state", id], Timeout)))
                {
                    if (status.RootElement.GetProperty("status").GetString() != "running")
                    {
                        throw new BenchmarkFailure($"runc baseline: container {id} is {status.RootElement.GetProperty("status")} after start, not running");
                    }
                }
                await ChildCommand.CheckedAsync(runc, ["--root", state, "delete", "--force", id], Timeout);
                // The first one warms the page cache and runc's binary, as the agent's first pods did before.
                if (i > 0)
                {
                    samples.Add(elapsed.TotalMilliseconds);
                }
            }
        }
        finally
        {
            AgentLeftovers.Remove(runc, state, CgroupParent, []);
            AgentLeftovers.RemoveParent(CgroupParent);
        }
        return Percentiles.Of(samples);
    }
}
