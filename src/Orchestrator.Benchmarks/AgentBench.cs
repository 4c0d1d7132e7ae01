using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Orchestrator.Benchmarks;

/// <summary>
/// The node agent benchmark (issue 4 item 7): a real <c>orchestrator agent --runtime runc</c> joined to a fresh server;
/// busybox pods started at a steady pace and in a burst, each timed from its create to Running on a watch; bare runc on
/// a copy of the agent's own bundle as the baseline; the agent's resident memory. Removes everything it started, even on
/// failure, and fails the run when the agent leaves a container or cgroup of a deleted pod behind.
/// </summary>
public sealed class AgentBench(bool quick, string serverDll, string root) : IDisposable
{
    public const string NodeName = "bench-node";

    // The agent's default BundleOptions.CgroupParent: pod cgroups are <hierarchy>/orchestrator/pod<uid>.
    private const string CgroupParent = "orchestrator";

    // Well under what one node sustains here (the burst below measures it: ~11 pods/s on 2 cores shared with the API
    // server and the benchmark), so each start is timed on its own, not behind a queue; at 100 ms the starts queued.
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(250);

    private readonly string _dataDir = Path.Combine(root, "agent-data");
    private readonly Lock _lock = new();
    private ServerProcess? _server;
    private OrchestratorProcess? _agent;
    private AgentPodWatch? _watch;
    private string? _runc;
    private bool _disposed;

    private int Pods => quick ? 20 : 100;

    private int BaselineRuns => quick ? 5 : 20;

    private TimeSpan StartTimeout => TimeSpan.FromSeconds(quick ? 60 : 180);

    private string NodeDir => Path.Combine(_dataDir, "node");

    private string StateRoot => Path.Combine(NodeDir, "runtime", "runc", "state");

    private string BaselineDir => Path.Combine(_dataDir, "runc-baseline");

    public string Tail => _server is null ? "" : $"server:{Environment.NewLine}{_server.Tail}{Environment.NewLine}agent:{Environment.NewLine}{_agent?.Tail}";

    /// <summary>Why this machine cannot run the benchmark, or null when it can.</summary>
    public static string? Unavailable() =>
        Environment.UserName != "root" ? "it needs root: runc makes cgroups and namespaces"
        : ChildCommand.Find("runc") is null ? "runc is not installed (apt-get install -y runc)"
        : !File.Exists("/bin/busybox") ? "the busybox image is made from busybox-static (apt-get install -y busybox-static)"
        : null;

    public async Task ExecuteAsync()
    {
        var total = Stopwatch.StartNew();
        _runc = ChildCommand.Find("runc") ?? throw new BenchmarkFailure("runc is not installed");
        Report.Section($"node agent benchmark ({(quick ? "quick" : "full")}) {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Report.Line("machine", $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Report.Line("load average at the start (1/5/15 min)", BenchmarkRun.LoadAverage());
        Report.Line("runtime", (await ChildCommand.CheckedAsync(_runc, ["--version"], TimeSpan.FromSeconds(10))).Split('\n')[0]);
        Report.Line("plan", $"{Pods} pods `sleep 3600` paced every {Pace.TotalMilliseconds:F0} ms, then {Pods} in a burst; bare runc x {BaselineRuns}");

        Console.Error.WriteLine("agent benchmark: starting the server and making the busybox image");
        var (server, connection) = await ServerProcess.StartAsync(serverDll, _dataDir, TimeSpan.FromSeconds(60));
        lock (_lock)
        {
            _server = server;
        }
        using var api = new ApiClient(connection);
        Report.Section("setup: server, image, agent");
        var clock = Stopwatch.StartNew();
        var archive = Path.Combine(_dataDir, "busybox.tar");
        await ChildCommand.CheckedAsync("dotnet", [serverDll, "image", "busybox", "--output", archive], TimeSpan.FromSeconds(60));
        await ChildCommand.CheckedAsync("dotnet", [serverDll, "image", "import", archive, "--store", Path.Combine(NodeDir, "images")], TimeSpan.FromSeconds(60));
        Report.Line("image busybox + import (two CLI runs)", $"{clock.Elapsed.TotalSeconds:F2} s, {AgentPodFactory.Image}");

        clock.Restart();
        var agent = OrchestratorProcess.StartAgent(serverDll, Path.Combine(_dataDir, "kubeconfig"), NodeName, NodeDir);
        lock (_lock)
        {
            _agent = agent;
        }
        await WaitReadyAsync(api, agent);
        Report.Line($"agent start until node {NodeName} is Ready", $"{clock.Elapsed.TotalSeconds:F2} s");
        var idle = ProcessMemory.Read(agent.Pid);
        Report.Line("agent memory right after Ready, no pods", idle.ToString());

        var watch = await AgentPodWatch.StartAsync(api);
        lock (_lock)
        {
            _watch = watch;
        }
        AgentResult result;
        try
        {
            result = await MeasureAsync(api, watch, agent, archive, idle);
        }
        catch
        {
            // Let the agent stop and remove what it started, if it still can; Dispose removes the rest by force.
            try
            {
                await DeleteAllAsync(api, watch, TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is BenchmarkFailure or HttpRequestException or IOException or TaskCanceledException)
            {
                Console.Error.WriteLine($"agent benchmark: deleting the pods after a failure failed too: {e.Message}");
            }
            throw;
        }
        finally
        {
            await watch.DisposeAsync();
        }

        await CheckCleanAsync(agent);
        AgentSummary.Print(result, quick);
        Report.Line("wall time of the agent benchmark", $"{total.Elapsed.TotalSeconds:F0} s");
        Report.Line("load average at the end (1/5/15 min)", BenchmarkRun.LoadAverage());
    }

    private async Task<AgentResult> MeasureAsync(ApiClient api, AgentPodWatch watch, OrchestratorProcess agent, string archive, ProcessMemory idle)
    {
        Report.Section("warm-up: one pod on the fresh agent, not counted below");
        var warm = await StartPacedAsync(api, watch, "warm-up", 1);
        Report.Line("create returned -> Running (cold: JIT, page cache)", $"{warm.Latency.Max:N0} ms");
        await DeleteAllAsync(api, watch, StartTimeout);

        Report.Section($"pod start, paced: {Pods} pods, one every {Pace.TotalMilliseconds:F0} ms; create returned -> Running on a watch");
        var paced = await StartPacedAsync(api, watch, "paced", Pods);
        PrintPhase(paced);
        Report.Section("where the paced starts went, step by step");
        var agentRunc = await AgentTimeline.PrintAsync(NodeDir, paced.Pods);

        Report.Section($"agent memory with {Pods} pods running");
        // A moment for the starts' last status writes and garbage to settle; the figure is VmRSS as it stands.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var loaded = ProcessMemory.Read(agent.Pid);
        Report.Line($"VmRSS with {Pods} pods running", loaded.ToString());
        Report.Line("growth per pod over idle", $"{(loaded.Resident - idle.Resident) / (double)Pods / 1024:N0} KiB");
        if (await GcTrigger.TryInduceAsync(agent.Pid, TimeSpan.FromSeconds(30)))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            Report.Line("after a forced full GC in the agent", ProcessMemory.Read(agent.Pid).ToString());
        }

        // Copied while the pod runs: deleting it removes its bundle.
        var bundle = Path.Combine(BaselineDir, "bundle");
        await RuncBaseline.CopyBundleAsync(NodeDir, paced.Pods[0].Uid!, bundle);
        Report.Section($"teardown: delete the {Pods} pods (grace 1 s), until the agent has removed them");
        Report.Line("delete until every pod is gone", $"{(await DeleteAllAsync(api, watch, StartTimeout)).TotalSeconds:F2} s");

        Report.Section($"baseline in the same run: bare runc on a copy of a pod's bundle, {BaselineRuns} runs, agent idle");
        var runc = await RuncBaseline.RunAsync(_runc!, bundle, BaselineDir, BaselineRuns);
        Report.Line("runc create + start (as the agent runs them)", runc.Format("ms"));
        var podman = await PodmanBaseline.RunAsync(archive, BaselineRuns);

        Report.Section($"pod start, burst: {Pods} pods created as fast as 4 clients go");
        var burst = await StartBurstAsync(api, watch);
        PrintPhase(burst);
        Report.Section("where the burst starts went, step by step");
        await AgentTimeline.PrintAsync(NodeDir, burst.Pods);
        Report.Section($"teardown: delete the {Pods} burst pods");
        Report.Line("delete until every pod is gone", $"{(await DeleteAllAsync(api, watch, StartTimeout)).TotalSeconds:F2} s");
        return new AgentResult(paced, burst, runc, agentRunc, podman, idle, loaded);
    }

    private async Task<AgentStartPhase> StartPacedAsync(ApiClient api, AgentPodWatch watch, string prefix, int count)
    {
        var pods = new List<PodTrace>();
        var clock = Stopwatch.StartNew();
        var first = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var wait = (Pace * i) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var pod = watch.Track(PodFactory.Name(prefix, i));
            if (!await api.CreatePodAsync(AgentPodFactory.Json(pod.Name)))
            {
                throw new BenchmarkFailure($"creating pod {pod.Name} failed");
            }
            pod.Posted = Stopwatch.GetTimestamp();
            pods.Add(pod);
        }
        await WaitRunningAsync(watch, pods);
        return new AgentStartPhase(pods, first);
    }

    private async Task<AgentStartPhase> StartBurstAsync(ApiClient api, AgentPodWatch watch)
    {
        var pods = Enumerable.Range(0, Pods).Select(i => watch.Track(PodFactory.Name("burst", i))).ToList();
        var first = Stopwatch.GetTimestamp();
        var creates = await LoadRunner.RunAsync("burst creates", Pods, 4, async i =>
        {
            var created = await api.CreatePodAsync(AgentPodFactory.Json(pods[i].Name));
            pods[i].Posted = Stopwatch.GetTimestamp();
            return created;
        });
        if (creates.Failures > 0)
        {
            throw new BenchmarkFailure($"{creates.Failures} of {Pods} burst creates failed");
        }
        Report.Line("creates", $"all {Pods} sent in {creates.Elapsed.TotalMilliseconds:N0} ms ({creates.Latency})");
        await WaitRunningAsync(watch, pods);
        return new AgentStartPhase(pods, first);
    }

    private async Task WaitRunningAsync(AgentPodWatch watch, List<PodTrace> pods)
    {
        using var progress = new Progress("pods Running", pods.Count, () => pods.Count(p => p.Running.Task.IsCompleted));
        await watch.WaitAsync([.. pods.Select(p => p.Running.Task)], "Running", StartTimeout);
    }

    private static void PrintPhase(AgentStartPhase phase)
    {
        Report.Line("create returned -> Running", phase.Latency.Format("ms", "N0"));
        Report.Line("first create sent -> last pod Running", $"{phase.Total.TotalSeconds:F2} s ({phase.Pods.Count / phase.Total.TotalSeconds:F1} pods/s)");
        Report.Line("pods between create and Running at once", $"max {phase.MaxInFlight}, mean {phase.MeanInFlight:F1}");
    }

    /// <summary>Deletes every pod in the namespace with a 1 s grace period and waits until the agent has removed each one.</summary>
    private static async Task<TimeSpan> DeleteAllAsync(ApiClient api, AgentPodWatch watch, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using var list = JsonDocument.Parse(await api.GetBytesAsync(ApiClient.PodsPath));
        var names = list.RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("metadata").GetProperty("name").GetString()!).ToList();
        var gone = names.Select(name => watch.Track(name).Gone.Task).ToList();
        var deletes = await LoadRunner.RunAsync("deletes", names.Count, 8, i => api.DeleteAsync($"{ApiClient.PodsPath}/{names[i]}?gracePeriodSeconds=1"));
        if (deletes.Failures > 0)
        {
            throw new BenchmarkFailure($"{deletes.Failures} of {names.Count} pod deletes failed");
        }
        // With a grace period the pod object stays until the agent has stopped and removed everything, then deletes it.
        using var progress = new Progress("pods gone", names.Count, () => gone.Count(t => t.IsCompleted));
        await watch.WaitAsync(gone, "removed by the agent", timeout);
        return clock.Elapsed;
    }

    private static async Task WaitReadyAsync(ApiClient api, OrchestratorProcess agent)
    {
        var clock = Stopwatch.StartNew();
        while (!await IsReadyAsync(api))
        {
            if (agent.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new BenchmarkFailure($"node {NodeName} was not Ready {(agent.HasExited ? "before the agent exited" : "within 60 s")}:{Environment.NewLine}{agent.Tail}");
            }
            await Task.Delay(50);
        }
    }

    private static async Task<bool> IsReadyAsync(ApiClient api)
    {
        byte[] body;
        try
        {
            body = await api.GetBytesAsync($"/api/v1/nodes/{NodeName}");
        }
        catch (BenchmarkFailure)
        {
            // 404 until the agent has registered the node.
            return false;
        }
        using var node = JsonDocument.Parse(body);
        return node.RootElement.TryGetProperty("status", out var status)
            && status.TryGetProperty("conditions", out var conditions)
            && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");
    }

    /// <summary>Stops the agent, then fails the run if any deleted pod left a runc container, cgroup or folder behind.</summary>
    private async Task CheckCleanAsync(OrchestratorProcess agent)
    {
        Report.Section("cleanup check");
        Report.Line("agent SIGTERM until exit", $"{(await agent.StopAsync(TimeSpan.FromSeconds(30))).TotalSeconds:F2} s");
        var uids = PodUids();
        var podsFolder = Path.Combine(NodeDir, "pods");
        var folders = Directory.Exists(podsFolder) ? Directory.GetDirectories(podsFolder).Select(f => $"pod folder {f}") : [];
        List<string> left = [.. AgentLeftovers.Find(_runc!, StateRoot, CgroupParent, uids), .. folders];
        Report.Line("runc containers, pod cgroups, pod folders left", left.Count == 0 ? $"none ({uids.Count} pods checked)" : $"{left.Count}, e.g. {left[0]}");
        if (left.Count > 0)
        {
            var remaining = AgentLeftovers.Remove(_runc!, StateRoot, CgroupParent, uids);
            throw new BenchmarkFailure(
                $"the agent left {left.Count} containers, cgroups or folders of deleted pods behind (a bug), e.g. {left[0]}" +
                (remaining.Count > 0 ? $"; {remaining.Count} could not be removed even by force" : "; removed by force"));
        }
    }

    private List<string> PodUids()
    {
        var podsFolder = Path.Combine(NodeDir, "pods");
        var seen = _watch?.Pods.Select(p => p.Uid).OfType<string>() ?? [];
        var folders = Directory.Exists(podsFolder) ? Directory.GetDirectories(podsFolder).Select(Path.GetFileName).OfType<string>() : [];
        return [.. seen.Concat(folders).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Stops the agent, removes by force whatever containers and cgroups it left, and stops the server.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _agent?.Dispose();
            if (_runc is not null)
            {
                var left = AgentLeftovers.Remove(_runc, StateRoot, CgroupParent, PodUids())
                    .Concat(AgentLeftovers.Remove(_runc, Path.Combine(BaselineDir, "state"), RuncBaseline.CgroupParent, []));
                AgentLeftovers.RemoveParent(RuncBaseline.CgroupParent);
                foreach (var what in left)
                {
                    Console.Error.WriteLine($"agent benchmark: could not remove {what}");
                }
            }
            _server?.Dispose();
        }
    }
}
