using System.Collections.Concurrent;
using System.Diagnostics;

namespace Orchestrator.Agent.Runtime;

/// <summary>Runs a container's process as a plain child process, for machines without an OCI runtime.</summary>
/// <remarks>
/// No isolation: of the spec only args, env and cwd are used, cwd as a host folder. Root, user, hostname, namespaces,
/// mounts and limits are ignored, signals reach the main process only, and there is no cgroup to read.
/// </remarks>
public sealed class ProcessRuntime : IContainerRuntime, IContainerExec
{
    private readonly ConcurrentDictionary<string, Entry> _containers = new(StringComparer.Ordinal);

    public string Name => "process";

    public Task CreateAsync(ContainerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Spec.Process.Args.Count == 0)
        {
            throw new ArgumentException($"Container '{request.Id}' has no args to run.", nameof(request));
        }
        if (!Directory.Exists(request.Spec.Process.Cwd))
        {
            throw new ArgumentException($"Container '{request.Id}' has cwd '{request.Spec.Process.Cwd}', which is no folder on this host.", nameof(request));
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(request.LogPath))!);
        if (!_containers.TryAdd(request.Id, new Entry(request)))
        {
            throw new ContainerRuntimeException($"Container '{request.Id}' already exists.");
        }
        return Task.CompletedTask;
    }

    public Task StartAsync(string id, CancellationToken cancellationToken = default)
    {
        var entry = Find(id);
        var process = entry.Request.Spec.Process;
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = process.Cwd };
        foreach (var argument in new[] { "-c", CommandRunner.RedirectScript, "sh", Path.GetFullPath(entry.Request.LogPath) }.Concat(process.Args))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Clear();
        foreach (var variable in process.Env)
        {
            var equals = variable.IndexOf('=', StringComparison.Ordinal);
            start.Environment[equals < 0 ? variable : variable[..equals]] = equals < 0 ? string.Empty : variable[(equals + 1)..];
        }
        lock (entry)
        {
            if (entry.Process is not null)
            {
                throw new ContainerRuntimeException($"Container '{id}' was already started.");
            }
            entry.Process = Process.Start(start) ?? throw new ContainerRuntimeException($"Could not start container '{id}'.");
        }
        return Task.CompletedTask;
    }

    public Task<ContainerState> StateAsync(string id, CancellationToken cancellationToken = default)
    {
        var process = Find(id).Process;
        var state = process is null ? new ContainerState(id, ContainerStatus.Created, 0)
            : process.HasExited ? new ContainerState(id, ContainerStatus.Stopped, 0)
            : new ContainerState(id, ContainerStatus.Running, process.Id);
        return Task.FromResult(state);
    }

    public Task KillAsync(string id, ContainerSignal signal, CancellationToken cancellationToken = default)
    {
        if (Find(id).Process is { HasExited: false } process)
        {
            // The pid can only be reused once .NET has reaped the process, and HasExited is false until then.
            _ = Native.Kill(process.Id, (int)signal);
        }
        return Task.CompletedTask;
    }

    public async Task<ContainerExit> WaitAsync(string id, CancellationToken cancellationToken = default)
    {
        var process = Find(id).Process ?? throw new ContainerRuntimeException($"Container '{id}' has not been started.");
        await process.WaitForExitAsync(cancellationToken);
        // .NET reports 128 + the signal for a process a signal ended, as a shell and the kubelet do.
        return new ContainerExit(process.ExitCode, OomKilled: false);
    }

    public Task<ContainerStats> StatsAsync(string id, CancellationToken cancellationToken = default)
    {
        _ = Find(id);
        return Task.FromResult(ContainerStats.None);
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!_containers.TryRemove(id, out var entry) || entry.Process is not { } process)
        {
            return;
        }
        if (!process.HasExited)
        {
            process.Kill();
        }
        await process.WaitForExitAsync(cancellationToken);
        process.Dispose();
    }

    private Entry Find(string id) =>
        _containers.TryGetValue(id, out var entry) ? entry : throw new ContainerRuntimeException($"Container '{id}' does not exist.");

    public async Task<ExecResult> ExecAsync(string id, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var process = Find(id).Request.Spec.Process;
        var start = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            WorkingDirectory = process.Cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Clear();
        foreach (var variable in process.Env)
        {
            var equals = variable.IndexOf('=', StringComparison.Ordinal);
            start.Environment[equals < 0 ? variable : variable[..equals]] = equals < 0 ? string.Empty : variable[(equals + 1)..];
        }
        using var exec = Process.Start(start) ?? throw new ContainerRuntimeException($"Could not exec {command[0]} for container '{id}'.");
        var stdout = exec.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = exec.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await exec.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            exec.Kill(entireProcessTree: true);
            return new ExecResult(-1, $"{command[0]} did not finish within {timeout.TotalSeconds:0.#} s", TimedOut: true);
        }
        return new ExecResult(exec.ExitCode, await stdout + await stderr, TimedOut: false);
    }

    private sealed class Entry(ContainerRequest request)
    {
        public ContainerRequest Request { get; } = request;

        public Process? Process { get; set; }
    }
}
