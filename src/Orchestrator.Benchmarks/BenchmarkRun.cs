using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Orchestrator.Benchmarks;

/// <summary>
/// The whole run: baselines, a real <c>orchestrator up</c> on a fresh folder, creates up to the checkpoints with
/// reads and memory at each, watch fan-out, then a restart that must bring back every pod. Always cleans up.
/// </summary>
public sealed class BenchmarkRun(BenchmarkOptions options, string serverDll, string root)
{
    private readonly string _dataDir = Path.Combine(root, "data");
    private readonly Lock _serverLock = new();
    private ServerProcess? _server;

    public static async Task<int> MainAsync(string[] args)
    {
        var options = BenchmarkOptions.Parse(args);
        if (options is null)
        {
            return 2;
        }
        var dll = ServerLocator.Find(options.ServerDll);
        if (dll is null)
        {
            Console.Error.WriteLine($"orchestrator-bench: no orchestrator.dll {(options.ServerDll is null ? "beside this build; build src/Orchestrator or pass --server-dll" : "at " + options.ServerDll)}");
            return 2;
        }
        var root = Directory.CreateTempSubdirectory("orchestrator-bench-").FullName;
        var run = new BenchmarkRun(options, dll, root);
        // --quick alone runs them all so CI exercises the scheduler, the agent and the controllers too; --scheduler,
        // --agent and --controllers run only their own benchmarks.
        var only = options.Scheduler || options.Agent || options.Controllers || options.SchedulerEndToEndOnly;
        using var scheduler = options.Scheduler || (!only && options.Quick) ? new SchedulerBench(options.Quick, dll, root) : null;
        using var agent = options.Agent || (!only && options.Quick) ? new AgentBench(options.Quick, dll, root) : null;
        using var controllers = options.Controllers || (!only && options.Quick) ? new ControllerBench(options.Quick, dll, root) : null;
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Cleanup());
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Cleanup());
        try
        {
            if (!only)
            {
                await run.ExecuteAsync();
                run.StopServer();
            }
            if (options.SchedulerEndToEndOnly)
            {
                await SchedulerEndToEnd.RunServerPhasesAsync(options.Quick, dll, root);
            }
            if (scheduler is not null)
            {
                await scheduler.ExecuteAsync();
            }
            if (agent is not null)
            {
                await RunAgentAsync(agent, required: options.Agent);
            }
            if (controllers is not null)
            {
                await controllers.ExecuteAsync();
                controllers.Dispose();
            }
            Console.WriteLine();
            Console.WriteLine("RESULT: ok");
            return 0;
        }
        catch (BenchmarkFailure failure)
        {
            Console.WriteLine();
            Console.WriteLine($"RESULT: FAILED: {failure.Message}");
            return 1;
        }
        catch (Exception e)
        {
            Console.WriteLine();
            Console.WriteLine($"RESULT: FAILED with an unexpected error: {e}");
            if (run._server is { } server)
            {
                Console.WriteLine($"server's last lines:{Environment.NewLine}{server.Tail}");
            }
            if (scheduler?.Tail is { Length: > 0 } tail)
            {
                Console.WriteLine($"scheduler benchmark server's last lines:{Environment.NewLine}{tail}");
            }
            if (agent?.Tail is { Length: > 0 } agentTail)
            {
                Console.WriteLine($"agent benchmark's last lines:{Environment.NewLine}{agentTail}");
            }
            if (controllers?.Tail is { Length: > 0 } controllerTail)
            {
                Console.WriteLine($"controller benchmark server's last lines:{Environment.NewLine}{controllerTail}");
            }
            return 1;
        }
        finally
        {
            Cleanup();
        }

        void Cleanup()
        {
            scheduler?.Dispose();
            agent?.Dispose();
            controllers?.Dispose();
            run.Cleanup();
        }
    }

    /// <summary>The agent pass; without root or runc it is skipped with a note, unless --agent asked for it.</summary>
    private static async Task RunAgentAsync(AgentBench agent, bool required)
    {
        if (AgentBench.Unavailable() is { } reason)
        {
            if (required)
            {
                throw new BenchmarkFailure($"the node agent benchmark cannot run here: {reason}");
            }
            Report.Section("node agent benchmark");
            Report.Line("SKIPPED", reason);
            return;
        }
        await agent.ExecuteAsync();
        agent.Dispose();
    }

    private async Task ExecuteAsync()
    {
        var total = Stopwatch.StartNew();
        Report.Section($"orchestrator benchmark ({(options.Quick ? "quick" : "full")}) {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Report.Line("machine", $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Report.Line("load average at the start (1/5/15 min)", LoadAverage());
        Report.Line("server", serverDll);
        Report.Line("data folder", _dataDir);
        Report.Line("plan", $"{options.Pods:N0} pods, reads at {options.Checkpoint:N0} and {options.Pods:N0}, {options.Watchers} watchers x {options.WatchPods:N0} creates, {options.Clients} clients");

        Report.Section("baseline: raw SQLite on the same disk (WAL, synchronous=FULL, ~0.5 KB rows)");
        Console.Error.WriteLine("baseline: SQLite inserts");
        var (single, batched) = SqliteBaseline.Run(root, options.Quick ? 200 : 1_000, options.Quick ? 6_400 : 64_000, 64);
        Report.Line("one row per transaction", $"{single:N0} rows/s");
        Report.Line("64 rows per transaction", $"{batched:N0} rows/s");

        Console.Error.WriteLine("starting the server on a fresh folder");
        var startClock = Stopwatch.StartNew();
        var (server, connection) = await StartServerAsync(TimeSpan.FromSeconds(60));
        Report.Section("server");
        Report.Line("fresh start until the export line", $"{startClock.Elapsed.TotalSeconds:F2} s");
        using var api = new ApiClient(connection);
        // Open every connection (TLS handshakes) and warm the JIT before anything is timed.
        await LoadRunner.RunAsync("warm-up", options.Clients * 4, options.Clients, _ => api.GetAsync("/healthz"));

        Report.Section($"baseline: GET /healthz, {options.Clients} clients (HTTP + TLS + auth-free routing)");
        var cpu = await api.ServerCpuSecondsAsync();
        var health = await LoadRunner.RunAsync("GET /healthz", options.Quick ? 2_000 : 30_000, options.Clients, _ => api.GetAsync("/healthz"));
        Report.Load("GET /healthz", health, await api.ServerCpuSecondsAsync() - cpu);

        var sequential = options.Quick ? 100 : 500;
        Report.Section($"creates, 1 client (service time without queueing), 0 -> {sequential:N0}");
        await CreateAsync(api, 0, sequential, 1);
        Report.Section($"creates, {options.Clients} clients, {sequential:N0} -> {options.Checkpoint:N0}");
        var first = await CreateAsync(api, sequential, options.Checkpoint - sequential, options.Clients);
        var atCheckpoint = await ReadProbe.RunAsync(api, server.Pid, options.Checkpoint, options.Checkpoint, options);

        Report.Section($"watch fan-out: {options.Watchers} watchers from the current resourceVersion, {options.WatchPods:N0} creates");
        var watch = await WatchFanout.RunAsync(api, options.Watchers, options.WatchPods, options.Clients, "watch", TimeSpan.FromSeconds(options.Quick ? 20 : 120));
        Report.Line("events delivered", $"{watch.EventsDelivered:N0} of {(long)watch.Watchers * watch.PodsCreated:N0} ({watch.Incomplete} watchers incomplete)");
        Report.Line("creates took", $"{watch.CreatesTook.TotalSeconds:F2} s ({watch.PodsCreated / watch.CreatesTook.TotalSeconds:N0} creates/s while watched)");
        Report.Line("until the last watcher had the last event", $"{watch.UntilLastEvent.TotalSeconds:F2} s ({Math.Max(0, watch.Lag.TotalSeconds):F2} s after the last create was acknowledged)");
        Report.Line("delivered events/s", $"{watch.EventsPerSecond:N0}");
        if (watch.Incomplete > 0 || watch.FirstProblem is not null)
        {
            throw new BenchmarkFailure($"watch fan-out incomplete: {watch.FirstProblem ?? watch.Incomplete + " watchers timed out"}");
        }

        var stored = options.Checkpoint + options.WatchPods;
        Report.Section($"creates, {options.Clients} clients, {stored:N0} -> {options.Pods:N0}");
        var second = await CreateAsync(api, options.Checkpoint, options.Pods - stored, options.Clients);
        var atEnd = await ReadProbe.RunAsync(api, server.Pid, options.Pods, options.Checkpoint + options.Pods - stored, options);

        var restart = await RestartAsync(options.Pods, PodFactory.Name("bench", 0));
        Summary.Print(options, LoadResult.Merge(first, second), health, (single, batched), atCheckpoint, atEnd, watch, restart);
        Console.Error.WriteLine($"done in {total.Elapsed.TotalSeconds:F0} s");
        Report.Line("wall time of the whole run", $"{total.Elapsed.TotalSeconds:F0} s");
        Report.Line("load average at the end (1/5/15 min)", LoadAverage());
    }

    internal static string LoadAverage() => File.Exists("/proc/loadavg")
        ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "unknown";

    private static async Task<LoadResult> CreateAsync(ApiClient api, int firstIndex, int count, int clients)
    {
        var cpu = await api.ServerCpuSecondsAsync();
        var result = await LoadRunner.RunAsync("creates", count, clients, i =>
        {
            var index = firstIndex + i;
            return api.CreatePodAsync(PodFactory.Json(PodFactory.Name("bench", index), index));
        });
        Report.Load("POST pod", result, await api.ServerCpuSecondsAsync() - cpu);
        if (result.Failures > 0)
        {
            throw new BenchmarkFailure($"{result.Failures:N0} of {count:N0} creates failed");
        }
        return result;
    }

    private async Task<RestartResult> RestartAsync(int expected, string probeName)
    {
        Report.Section($"restart with {expected:N0} pods");
        using (var before = new ApiClient(CurrentConnection!))
        {
            var counted = await before.CountPodsAsync();
            Report.Line("pods before the restart (full list)", $"{counted:N0}");
            if (counted != expected)
            {
                throw new BenchmarkFailure($"{counted:N0} pods listed before the restart; {expected:N0} were created");
            }
        }
        Console.Error.WriteLine("restart: SIGTERM");
        var stopped = await _server!.StopAsync(TimeSpan.FromSeconds(60));
        Report.Line("SIGTERM until the process exited", $"{stopped.TotalSeconds:F2} s");
        StopServer();

        Console.Error.WriteLine("restart: starting again on the same folder");
        var clock = Stopwatch.StartNew();
        var (server, connection) = await StartServerAsync(TimeSpan.FromSeconds(300));
        var ready = clock.Elapsed;
        using var api = new ApiClient(connection);
        while (!await api.GetAsync($"{ApiClient.PodsPath}/{probeName}"))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(300))
            {
                throw new BenchmarkFailure($"GET {probeName} did not answer 200 within 300 s of the restart");
            }
            await Task.Delay(20);
        }
        var answered = clock.Elapsed;
        Report.Line("server's own report", server.LoadedLine?.Trim() ?? "(no \"loaded the store\" line)");
        Report.Line("start until the export line", $"{ready.TotalSeconds:F2} s");
        var after = await api.CountPodsAsync();
        Report.Line("pods after the restart (full list)", $"{after:N0} (expected {expected:N0}: {(after == expected ? "identical" : "MISMATCH")})");
        if (after != expected)
        {
            throw new BenchmarkFailure($"{after:N0} pods after the restart; {expected:N0} before");
        }
        return new RestartResult(stopped, ready, answered, after);
    }

    private ServerConnection? CurrentConnection { get; set; }

    private async Task<(ServerProcess, ServerConnection)> StartServerAsync(TimeSpan timeout)
    {
        // The API server alone, as an apiserver benchmark runs it: with no nodes an in-silo scheduler would answer every
        // created pod with a FailedScheduling event and a PodScheduled=False status write, three writes per create.
        var (server, connection) = await ServerProcess.StartAsync(serverDll, _dataDir, timeout, ["--schedulers", "0"]);
        lock (_serverLock)
        {
            _server = server;
        }
        CurrentConnection = connection;
        return (server, connection);
    }

    private void StopServer()
    {
        lock (_serverLock)
        {
            _server?.Dispose();
            _server = null;
        }
    }

    /// <summary>Kills the server if it still runs and deletes the temporary folder unless --keep-data.</summary>
    private void Cleanup()
    {
        StopServer();
        if (options.KeepData)
        {
            Console.Error.WriteLine($"kept the data in {_dataDir}");
            return;
        }
        try
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"could not delete {root}: {e.Message}");
        }
    }
}
