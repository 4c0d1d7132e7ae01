using k8s.Models;
using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Pods;

// The life of one container across its attempts: create, start, follow its exit, restart or not.
internal sealed partial class PodWorker
{
    /// <summary>Runs the container until it will not be restarted or the pod stops; true when its last attempt exited 0.</summary>
    private async Task<bool> RunSlotAsync(ContainerSlot slot, CancellationToken cancellationToken)
    {
        V1ContainerStateTerminated? adopted;
        lock (_gate)
        {
            adopted = slot.Adopted;
            slot.Adopted = null;
        }
        if (adopted is not null)
        {
            if (slot.CurrentId is { } leftover)
            {
                // Still running under an earlier agent: keep it and follow it from here, restarting nothing.
                if (adopted.Reason == ContainerStates.ContainerStatusUnknown
                    && _context.Runtime is IContainerAdoption adoption
                    && await adoption.TryAdoptAsync(leftover, cancellationToken))
                {
                    return await FollowAdoptedAsync(slot, leftover, adopted, cancellationToken);
                }
                await DeleteContainerAsync(leftover);
            }
            if (!ShouldRestart(slot, adopted.ExitCode))
            {
                return adopted.ExitCode == 0;
            }
            lock (_gate)
            {
                slot.LastTerminated = adopted;
            }
        }

        return await RunAttemptsAsync(slot, cancellationToken);
    }

    /// <summary>The container kept running across an agent restart: report it running again, follow it, then go on as after any exit.</summary>
    private async Task<bool> FollowAdoptedAsync(ContainerSlot slot, string id, V1ContainerStateTerminated adopted, CancellationToken cancellationToken)
    {
        var startedAt = adopted.StartedAt ?? _context.Now();
        var log = AttemptLog.Start(PodFolder, slot.Name, slot.Attempts - 1, _context.Options.LogRotation, _context.Options.LogPumpInterval, _context.Time);
        lock (_gate)
        {
            slot.State = ContainerStates.Running(startedAt);
            slot.StartedAt = startedAt;
            slot.Log = log;
            slot.ProbedStarted = slot.Spec.StartupProbe is null ? null : false;
            slot.ProbedReady = slot.Spec.StartupProbe is null && slot.Spec.ReadinessProbe is null ? null : false;
        }
        _context.Report($"adopted container {id} of pod {Key}, still running since {startedAt:O}");
        await PublishAsync(cancellationToken);
        var exit = await FollowAsync(slot, id, cancellationToken);
        if (Stopping)
        {
            return exit.ExitCode == 0;
        }
        if (!ShouldRestart(slot, exit.ExitCode))
        {
            await PublishAsync(cancellationToken);
            return exit.ExitCode == 0;
        }
        return await BackOffAsync(slot, () => RemoveAttemptAsync(id, Path.Combine(PodFolder, "containers", id)), cancellationToken)
            && await RunAttemptsAsync(slot, cancellationToken);
    }

    private async Task<bool> RunAttemptsAsync(ContainerSlot slot, CancellationToken cancellationToken)
    {
        while (!Stopping)
        {
            var restartCount = slot.Attempts;
            var id = ContainerNames.Id(Uid, slot.Init, slot.Index, restartCount);
            var bundle = Path.Combine(PodFolder, "containers", id);
            if (!await StartAttemptAsync(slot, id, bundle, restartCount, cancellationToken))
            {
                continue;
            }
            var exit = await FollowAsync(slot, id, cancellationToken);
            if (Stopping)
            {
                return exit.ExitCode == 0;
            }
            if (!ShouldRestart(slot, exit.ExitCode))
            {
                await PublishAsync(cancellationToken);
                return exit.ExitCode == 0;
            }
            // The dead attempt goes (its logs stay); the next one starts from a fresh copy of the image.
            if (!await BackOffAsync(slot, () => RemoveAttemptAsync(id, bundle), cancellationToken))
            {
                return false;
            }
        }
        return false;
    }

    private bool ShouldRestart(ContainerSlot slot, int exitCode)
    {
        string? policy;
        lock (_gate)
        {
            policy = _pod.Spec?.RestartPolicy;
        }
        // Init containers run to success: they are retried on failure unless the policy is Never.
        return slot.Init
            ? exitCode != 0 && policy != "Never"
            : policy switch
            {
                "Never" => false,
                "OnFailure" => exitCode != 0,
                _ => true,
            };
    }

    /// <summary>Prepares, creates and starts one attempt; false (after waiting out a backoff) when a step failed.</summary>
    private async Task<bool> StartAttemptAsync(ContainerSlot slot, string id, string bundle, int restartCount, CancellationToken cancellationToken)
    {
        V1Pod pod;
        IReadOnlyDictionary<string, string> volumes;
        lock (_gate)
        {
            pod = _pod;
            volumes = _volumes;
        }
        var image = slot.Spec.Image ?? "";
        PreparedRootfs rootfs;
        try
        {
            rootfs = await _context.Images.PrepareAsync(image, slot.Spec.ImagePullPolicy, Path.Combine(bundle, "rootfs"), cancellationToken);
        }
        catch (ImageUnavailableException e)
        {
            var backingOff = slot.Failures > 0 && e.Reason == ContainerStates.ErrImagePull;
            return await FailAttemptAsync(
                slot, bundle, backingOff ? ContainerStates.ImagePullBackOff : e.Reason,
                backingOff ? $"Back-off pulling image \"{image}\": {e.Message}" : e.Message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A broken image folder or a failed copy; the image source's own problem, so it is retried like a pull.
            return await FailAttemptAsync(slot, bundle, ContainerStates.CreateContainerError, $"preparing image \"{image}\" failed: {e.Message}", cancellationToken);
        }

        await EventAsync("Normal", "Pulled",
            rootfs.Pulled ? $"Successfully pulled image \"{image}\"" : $"Container image \"{image}\" already present on machine", cancellationToken);
        OciSpec spec;
        try
        {
            var container = ContainerSpecs.WithImageDefaults(slot.Spec, rootfs.Config);
            spec = ContainerSpecs.WithImageEnv(_builder.Build(pod, container, id, new BundlePaths(rootfs.Path, volumes)), container, rootfs.Config);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return await FailAttemptAsync(slot, bundle, ContainerStates.CreateContainerConfigError, e.Message, cancellationToken);
        }

        AttemptLog.PruneBefore(PodFolder, slot.Name, restartCount);
        var log = AttemptLog.LogPath(PodFolder, slot.Name, restartCount);
        try
        {
            await _context.Runtime.CreateAsync(new ContainerRequest(id, bundle, spec, Path.ChangeExtension(log, ".out")), cancellationToken);
        }
        catch (Exception e) when (e is ContainerRuntimeException or ArgumentException or IOException)
        {
            await DeleteContainerAsync(id);
            return await FailAttemptAsync(slot, bundle, ContainerStates.CreateContainerError, e.Message, cancellationToken);
        }

        await EventAsync("Normal", "Created", $"Created container {slot.Name}", cancellationToken);
        var attemptLog = AttemptLog.Start(PodFolder, slot.Name, restartCount, _context.Options.LogRotation, _context.Options.LogPumpInterval, _context.Time);
        lock (_gate)
        {
            slot.Attempts = restartCount + 1;
            slot.CurrentId = id;
            slot.StatusId = ContainerNames.StatusId(_context.Runtime.Name, id);
            slot.ImageId = rootfs.ImageId;
            slot.Log = attemptLog;
        }
        try
        {
            await _context.Runtime.StartAsync(id, cancellationToken);
        }
        catch (ContainerRuntimeException e)
        {
            await attemptLog.FinishAsync();
            await DeleteContainerAsync(id);
            lock (_gate)
            {
                // The id was never run, so the next try reuses it.
                slot.Attempts = restartCount;
                slot.CurrentId = null;
                slot.Log = null;
            }
            return await FailAttemptAsync(slot, bundle, ContainerStates.RunContainerError, e.Message, cancellationToken);
        }

        var startedAt = _context.Now();
        lock (_gate)
        {
            if (slot.State.Terminated is { } previous)
            {
                slot.LastTerminated = previous;
            }
            slot.State = ContainerStates.Running(startedAt);
            slot.StartedAt = startedAt;
            slot.ProbedStarted = slot.Spec.StartupProbe is null ? null : false;
            slot.ProbedReady = slot.Spec.StartupProbe is null && slot.Spec.ReadinessProbe is null ? null : false;
            slot.Failures = 0;
            slot.FailureBackoff = null;
        }
        await PublishAsync(cancellationToken);
        await EventAsync("Normal", "Started", $"Started container {slot.Name}", cancellationToken);
        return true;
    }

    /// <summary>Shows why the attempt could not start and waits out the failure backoff; always false, to try again.</summary>
    private async Task<bool> FailAttemptAsync(ContainerSlot slot, string bundle, string reason, string message, CancellationToken cancellationToken)
    {
        DeleteFolder(bundle);
        BackoffEntry entry;
        lock (_gate)
        {
            var now = _context.Time.GetUtcNow();
            slot.State = ContainerStates.Waiting(reason, message);
            entry = slot.FailureBackoff = _context.Options.Backoff.Next(slot.FailureBackoff, now, now);
            slot.Failures++;
        }
        await EventAsync("Warning", reason is ContainerStates.ErrImagePull or ContainerStates.ImagePullBackOff ? "Failed" : reason, $"container {slot.Name}: {message}", cancellationToken);
        await WaitAsync(entry.Backoff, cancellationToken);
        return false;
    }

    /// <summary>Waits for the attempt to exit, or stops it when the pod is deleted; records how it ended.</summary>
    private async Task<ContainerExit> FollowAsync(ContainerSlot slot, string id, CancellationToken cancellationToken)
    {
        var exited = _context.Runtime.WaitAsync(id, cancellationToken);
        using var probing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probes = ProbeAsync(slot, id, probing.Token);
        ContainerExit exit;
        try
        {
            exit = await Task.WhenAny(exited, _stopRequested.Task) == exited || exited.IsCompleted
                ? await exited
                : await _context.Runtime.StopAsync(id, GracePeriod(), _context.Time, cancellationToken);
        }
        catch (ContainerRuntimeException e)
        {
            // Its exit cannot be known (it was not reaped here, or the runtime failed to signal it): make sure it is gone.
            _context.Report($"following container {id} of pod {Key} failed ({e.Message}); deleting it");
            await DeleteContainerAsync(id);
            exit = new ContainerExit(128 + (int)ContainerSignal.Kill, OomKilled: false);
        }
        await probing.CancelAsync();
        await probes;
        var finishedAt = _context.Time.GetUtcNow();
        AttemptLog? log;
        lock (_gate)
        {
            log = slot.Log;
            slot.Log = null;
        }
        if (log is not null)
        {
            await log.FinishAsync();
        }
        lock (_gate)
        {
            slot.FinishedAt = finishedAt;
            slot.State = new V1ContainerState
            {
                Terminated = exit.Lost
                    ? ContainerStates.Lost(slot.StartedAt, Truncate(finishedAt), slot.StatusId)
                    : ContainerStates.Terminated(exit.ExitCode, exit.OomKilled, slot.StartedAt, Truncate(finishedAt), slot.StatusId),
            };
        }
        return exit;
    }

    /// <summary>CrashLoopBackOff: removes the dead attempt and waits as the kubelet would before the next one; false when the pod is stopped meanwhile.</summary>
    /// <remarks>
    /// The back-off is reported before the removal, not after: runc delete and removing the attempt's copy of the image
    /// take seconds on a loaded node, and all that time the status said Running for a container that had exited. The
    /// kubelet does not wait for the dead container either: its GC removes it later.
    /// </remarks>
    private async Task<bool> BackOffAsync(ContainerSlot slot, Func<Task> removeDead, CancellationToken cancellationToken)
    {
        var backoff = _context.Options.Backoff;
        TimeSpan delay;
        lock (_gate)
        {
            delay = backoff.Delay(slot.CrashBackoff, slot.FinishedAt, _context.Time.GetUtcNow());
            if (delay > TimeSpan.Zero)
            {
                slot.LastTerminated = slot.State.Terminated;
                slot.State = ContainerStates.Waiting(
                    ContainerStates.CrashLoopBackOff,
                    $"back-off {RestartBackoff.Format(slot.CrashBackoff!.Backoff)} restarting failed container={slot.Name} " +
                    $"pod={_pod.Metadata.Name}_{_pod.Metadata.NamespaceProperty ?? "default"}({Uid})");
            }
        }
        if (delay > TimeSpan.Zero)
        {
            // The attempt that died is now the container's last termination, the log --previous shows while it waits.
            AttemptLog.MarkBackOff(PodFolder, slot.Name, slot.Attempts - 1);
            await EventAsync("Warning", "BackOff", $"Back-off restarting failed container {slot.Name} in pod {_pod.Metadata.Name}_{_pod.Metadata.NamespaceProperty ?? "default"}({Uid})", cancellationToken);
            if (!await WaitAsync(delay, cancellationToken, removeDead))
            {
                return false;
            }
        }
        else
        {
            await removeDead();
        }
        lock (_gate)
        {
            slot.CrashBackoff = backoff.Next(slot.CrashBackoff, slot.FinishedAt, _context.Time.GetUtcNow());
        }
        return !Stopping;
    }

    private async Task RemoveAttemptAsync(string id, string bundle)
    {
        await DeleteContainerAsync(id);
        DeleteFolder(bundle);
    }

    private TimeSpan GracePeriod()
    {
        lock (_gate)
        {
            var seconds = _pod.Metadata.DeletionGracePeriodSeconds ?? _pod.Spec?.TerminationGracePeriodSeconds ?? 30;
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }
    }

    private static DateTime Truncate(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }

    private void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _context.Report($"could not remove {folder} of pod {Key}: {e.Message}");
        }
    }
}
