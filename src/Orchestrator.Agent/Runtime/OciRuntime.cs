using System.Collections.Concurrent;
using System.Globalization;

namespace Orchestrator.Agent.Runtime;

/// <summary>Runs containers with an OCI runtime binary (runc or crun) driven through its command line.</summary>
/// <remarks>
/// create with the container's stdio pointed at its log file, then start; this process adopts and reaps the container's
/// first process (see <see cref="ChildReaper"/>) and reads its cgroup before delete, which removes the cgroup.
/// </remarks>
public sealed class OciRuntime : IContainerRuntime, IContainerExec, IContainerAdoption
{
    private readonly OciCommandLine _commandLine;
    private readonly TimeSpan _timeout;
    private readonly ConcurrentDictionary<string, TrackedContainer> _containers = new(StringComparer.Ordinal);

    public OciRuntime(OciRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binary = ExecutableFinder.Find(options.Binary) ?? throw new ContainerRuntimeException(
            $"The OCI runtime '{options.Binary}' is not installed (not found on PATH or in the sbin folders). " +
            $"On Debian: apt-get install -y {Path.GetFileName(options.Binary)}");
        Name = Path.GetFileName(binary);
        var stateRoot = Path.Combine(Path.GetFullPath(options.DataDirectory), Name, "state");
        Directory.CreateDirectory(stateRoot);
        var unshare = options.HideUnifiedCgroup ?? (Name == "crun" && ContainerCgroup.IsHybrid)
            ? ExecutableFinder.Find("unshare") ?? throw new ContainerRuntimeException("unshare (util-linux) is needed to run crun on a hybrid-cgroup machine.")
            : null;
        _commandLine = new OciCommandLine(binary, stateRoot, unshare);
        _timeout = options.CommandTimeout;
        ChildReaper.EnsureSubreaper();
    }

    public string Name { get; }

    public static OciRuntime Runc(string dataDirectory) => new(new OciRuntimeOptions { DataDirectory = dataDirectory, Binary = "runc" });

    public static OciRuntime Crun(string dataDirectory) => new(new OciRuntimeOptions { DataDirectory = dataDirectory, Binary = "crun" });

    public async Task CreateAsync(ContainerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bundle = Path.GetFullPath(request.BundlePath);
        var log = Path.GetFullPath(request.LogPath);
        Directory.CreateDirectory(bundle);
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        await File.WriteAllTextAsync(Path.Combine(bundle, "config.json"), OciJson.Serialize(request.Spec), cancellationToken);
        var pidFile = Path.Combine(bundle, "init.pid");
        var runtimeLog = Path.Combine(bundle, "runtime.log");
        File.Delete(pidFile);

        // The runtime's own messages go to runtime.log; its stdio, which the container inherits, to the container's log.
        var created = await RunAsync(_commandLine.For(runtimeLog, "create", "--bundle", bundle, "--pid-file", pidFile, request.Id), log, cancellationToken);
        if (!created.Succeeded)
        {
            throw Failure("create", request.Id, created, runtimeLog);
        }
        var pid = int.Parse(await File.ReadAllTextAsync(pidFile, cancellationToken), CultureInfo.InvariantCulture);
        _containers[request.Id] = TrackedContainer.Adopt(pid);
    }

    public async Task StartAsync(string id, CancellationToken cancellationToken = default)
    {
        var started = await RunAsync(_commandLine.For(null, "start", id), null, cancellationToken);
        if (!started.Succeeded)
        {
            throw Failure("start", id, started);
        }
    }

    public async Task<ContainerState> StateAsync(string id, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(_commandLine.For(null, "state", id), null, cancellationToken);
        if (!result.Succeeded)
        {
            throw Failure("state", id, result);
        }
        var state = OciJson.DeserializeState(result.Stdout);
        return new ContainerState(state.Id, ContainerState.ParseStatus(state.Status), state.Pid);
    }

    public async Task KillAsync(string id, ContainerSignal signal, CancellationToken cancellationToken = default)
    {
        if (_containers.TryGetValue(id, out var tracked) && tracked.Exit.IsCompleted)
        {
            return;
        }
        var number = ((int)signal).ToString(CultureInfo.InvariantCulture);
        var result = await RunAsync(_commandLine.For(null, "kill", id, number), null, cancellationToken);
        // The process may exit between the check above and the kill; that is not a failure.
        if (!result.Succeeded && (await StateAsync(id, cancellationToken)).Status != ContainerStatus.Stopped)
        {
            throw Failure("kill", id, result);
        }
    }

    public async Task<ContainerExit> WaitAsync(string id, CancellationToken cancellationToken = default) =>
        await Tracked(id).Exit.WaitAsync(cancellationToken);

    public Task<ContainerStats> StatsAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(Tracked(id).Cgroup.ReadStats());

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(_commandLine.For(null, "delete", "--force", id), null, cancellationToken);
        if (!result.Succeeded && !(result.Stderr + result.Stdout).Contains("does not exist", StringComparison.OrdinalIgnoreCase))
        {
            throw Failure("delete", id, result);
        }
        if (_containers.TryRemove(id, out var tracked))
        {
            // delete --force killed the process if it still ran; wait until it is reaped so no zombie is left.
            await tracked.Exit.WaitAsync(_timeout, cancellationToken);
        }
    }

    public async Task<bool> TryAdoptAsync(string id, CancellationToken cancellationToken = default)
    {
        if (_containers.ContainsKey(id))
        {
            return true;
        }

        var state = await RunAsync(_commandLine.For(null, "state", id), null, cancellationToken);
        if (!state.Succeeded)
        {
            return false;
        }

        var parsed = OciJson.DeserializeState(state.Stdout);
        if (ContainerState.ParseStatus(parsed.Status) != ContainerStatus.Running || parsed.Pid <= 0)
        {
            return false;
        }

        _containers[id] = TrackedContainer.Foreign(parsed.Pid);
        return true;
    }

    public async Task<ExecResult> ExecAsync(string id, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // runc exec starts the command from the container's own process spec: its env, cwd, user and capabilities.
        var pidFile = Path.Combine(Path.GetTempPath(), $"exec-{id}-{Guid.NewGuid():N}.pid");
        try
        {
            var result = await CommandRunner.RunAsync(_commandLine.For(null, ["exec", "--pid-file", pidFile, id, .. command]), null, timeout, cancellationToken);
            return new ExecResult(result.ExitCode, result.Stdout + result.Stderr, TimedOut: false);
        }
        catch (ContainerRuntimeException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Killing runc exec leaves the command running inside the container; a probe that timed out must not pile up.
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                // Its parent, runc exec, is gone, so this process (the subreaper) adopted it and must reap it too.
                if (Native.Kill(pid, (int)ContainerSignal.Kill) == 0)
                {
                    await ChildReaper.WaitAsync(pid).WaitAsync(_timeout, CancellationToken.None);
                }
            }

            return new ExecResult(-1, e.Message, TimedOut: true);
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    private TrackedContainer Tracked(string id) =>
        _containers.TryGetValue(id, out var tracked)
            ? tracked
            : throw new ContainerRuntimeException($"Container '{id}' was not created by this {Name} runtime, so its exit and cgroup are unknown.");

    private Task<CommandResult> RunAsync(IReadOnlyList<string> command, string? stdioFile, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(command, stdioFile, _timeout, cancellationToken);

    private ContainerRuntimeException Failure(string verb, string id, CommandResult result, string? runtimeLog = null)
    {
        var message = result.Stderr.Trim();
        if (runtimeLog is not null && File.Exists(runtimeLog))
        {
            message = string.Join('\n', File.ReadLines(runtimeLog).TakeLast(5));
        }
        return new ContainerRuntimeException($"{Name} {verb} {id} failed with exit code {result.ExitCode}: {message}");
    }
}
