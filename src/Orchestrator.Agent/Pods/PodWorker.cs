using k8s.Models;
using Orchestrator.Agent.Runtime;
using Orchestrator.Client;

namespace Orchestrator.Agent.Pods;

/// <summary>
/// Runs one pod (one uid) on this node, as the kubelet's pod worker does: volumes, then init containers in order, then
/// every container with its restartPolicy and CrashLoopBackOff; reports the pod's status on every change; and once the
/// pod is deleted, stops its containers within the grace period, removes them, and deletes the pod object.
/// </summary>
/// <remarks>
/// Every piece of state is guarded by one lock and turned into a status by the pure <see cref="PodStatusBuilder"/>;
/// writes go out one at a time, each built from the state of that moment, so the last write is always the latest state.
/// </remarks>
internal sealed partial class PodWorker
{
    private readonly PodWorkerContext _context;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ContainerSlot[] _init;
    private readonly ContainerSlot[] _containers;
    private readonly BundleBuilder _builder;
    private readonly HashSet<string> _events = new(StringComparer.Ordinal);
    private V1Pod _pod;
    private V1PodStatus? _written;
    private string? _writtenJson;
    private DateTime? _startTime;
    private bool _volumesReady;
    private bool _terminal;
    private bool _gone;
    private IReadOnlyDictionary<string, string> _volumes = new Dictionary<string, string>();
    private BackoffEntry? _volumeBackoff;
    private int _retryPending;

    public PodWorker(V1Pod pod, PodWorkerContext context)
    {
        ArgumentNullException.ThrowIfNull(pod);
        _context = context;
        _pod = pod;
        Uid = pod.Metadata.Uid;
        Key = $"{pod.Metadata.NamespaceProperty ?? "default"}/{pod.Metadata.Name}";
        PodFolder = Path.Combine(context.PodsFolder, Uid);
        _builder = new BundleBuilder(context.Options.Bundle);
        _written = pod.Status;
        _startTime = pod.Status?.StartTime ?? context.Now();
        var initSpecs = pod.Spec?.InitContainers ?? [];
        _init = [.. initSpecs.Select((c, i) => new ContainerSlot(c, i, init: true, ContainerStates.PodInitializing))];
        var waiting = initSpecs.Count > 0 ? ContainerStates.PodInitializing : ContainerStates.ContainerCreating;
        _containers = [.. (pod.Spec?.Containers ?? []).Select((c, i) => new ContainerSlot(c, i, init: false, waiting))];
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            // Seen for the first time while being deleted (an agent restart, or a worker that failed): only cleanup is left.
            RequestStop();
        }
    }

    public string Uid { get; }

    /// <summary>namespace/name, for messages.</summary>
    public string Key { get; }

    /// <summary><c>&lt;data&gt;/pods/&lt;uid&gt;</c>: volumes, container bundles and logs.</summary>
    public string PodFolder { get; }

    private bool Stopping => _stopping.IsCancellationRequested;

    /// <summary>A newer version of the pod from the API; a deletionTimestamp starts the graceful stop.</summary>
    public void Observe(V1Pod pod)
    {
        if (pod.Metadata?.Uid != Uid)
        {
            return;
        }
        lock (_gate)
        {
            _pod = pod;
        }
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            RequestStop();
        }
    }

    /// <summary>The pod object is gone from the API (deleted with grace 0, say): stop and clean up, with nothing left to report.</summary>
    public void ObserveDeleted()
    {
        lock (_gate)
        {
            _gone = true;
        }
        RequestStop();
    }

    /// <summary>
    /// Runs the pod until it is deleted and cleaned up. When <paramref name="cancellationToken"/> is cancelled (the agent
    /// stops) it returns and leaves the containers running, as a stopped kubelet does; the next agent takes them over.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(PodFolder);
            // What an earlier agent ran for this pod is known by its containerIDs: taken over first, so that even a pod
            // only seen being deleted gets its leftover containers removed.
            AdoptEarlierAttempts();
            if (PodPhases.IsTerminal(_pod.Status?.Phase))
            {
                // Finished under an earlier agent: nothing runs again, only its removal is left.
                lock (_gate)
                {
                    _terminal = true;
                }
            }
            else if (!Stopping)
            {
                await RunPodAsync(cancellationToken);
            }
            await _stopRequested.Task.WaitAsync(cancellationToken);
            await TerminateAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The agent is stopping.
        }
    }

    private void RequestStop()
    {
        _stopping.Cancel();
        _stopRequested.TrySetResult();
    }

    private async Task RunPodAsync(CancellationToken cancellationToken)
    {
        PublishSoon(cancellationToken);
        if (!await PrepareVolumesAsync(cancellationToken))
        {
            return;
        }
        foreach (var slot in _init)
        {
            var succeeded = await RunSlotAsync(slot, cancellationToken);
            if (Stopping)
            {
                return;
            }
            if (!succeeded)
            {
                // Only under restartPolicy Never does a failed init container end its loop: the pod has failed.
                lock (_gate)
                {
                    _terminal = true;
                }
                await PublishAsync(cancellationToken);
                return;
            }
        }
        lock (_gate)
        {
            foreach (var slot in _containers.Where(s => s.State.Waiting?.Reason == ContainerStates.PodInitializing))
            {
                slot.State = ContainerStates.Waiting(ContainerStates.ContainerCreating);
            }
        }
        PublishSoon(cancellationToken);
        await Task.WhenAll(_containers.Select(slot => RunSlotAsync(slot, cancellationToken)));
        if (!Stopping)
        {
            lock (_gate)
            {
                _terminal = true;
            }
            await PublishAsync(cancellationToken);
        }
    }

    private void AdoptEarlierAttempts()
    {
        var now = _context.Now();
        lock (_gate)
        {
            var status = _pod.Status;
            foreach (var slot in _init)
            {
                slot.Adopt(status?.InitContainerStatuses?.FirstOrDefault(s => s.Name == slot.Name), Uid, now);
            }
            foreach (var slot in _containers)
            {
                slot.Adopt(status?.ContainerStatuses?.FirstOrDefault(s => s.Name == slot.Name), Uid, now);
            }
        }
    }

    /// <summary>Sets up the volumes, trying again with backoff while that may help; false when the pod is stopped first or never can start.</summary>
    private async Task<bool> PrepareVolumesAsync(CancellationToken cancellationToken)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        while (!Stopping)
        {
            V1Pod pod;
            lock (_gate)
            {
                pod = _pod;
            }
            string message;
            var permanent = false;
            try
            {
                var volumes = await PodVolumes.PrepareAsync(pod, PodFolder, _context.Configs, run.Token);
                lock (_gate)
                {
                    _volumes = volumes;
                    _volumesReady = true;
                }
                return true;
            }
            catch (PodVolumeException e)
            {
                message = e.Message;
                permanent = e.Permanent;
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException || ApiPipelines.IsTransient(e) || e is k8s.Autorest.HttpOperationException)
            {
                message = $"setting up the volumes failed: {ApiErrors.Describe(e)}";
            }

            BackoffEntry entry;
            lock (_gate)
            {
                foreach (var slot in _init.Concat(_containers))
                {
                    slot.State = ContainerStates.Waiting(permanent ? ContainerStates.CreateContainerConfigError : ContainerStates.ContainerCreating, message);
                }
                entry = _volumeBackoff = _context.Options.Backoff.Next(_volumeBackoff, _context.Time.GetUtcNow(), _context.Time.GetUtcNow());
            }
            await EventAsync("Warning", "FailedMount", message, cancellationToken);
            if (permanent)
            {
                await PublishAsync(cancellationToken);
                return false;
            }
            if (!await WaitAsync(entry.Backoff, cancellationToken))
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>
    /// Publishes, then waits (the timer is set first, so a test clock moved on seeing the status finds it), doing
    /// <paramref name="meanwhile"/> within the wait; false when the pod is stopped first.
    /// </summary>
    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken cancellationToken, Func<Task>? meanwhile = null)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var wait = Task.Delay(delay, _context.Time, run.Token);
        await PublishAsync(cancellationToken);
        if (meanwhile is not null)
        {
            await meanwhile();
        }
        try
        {
            await wait;
            return !Stopping;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Stops whatever still runs (the slots did, on the stop request), removes containers, folders and cgroups, then the pod object.</summary>
    private async Task TerminateAsync(CancellationToken cancellationToken)
    {
        string[] ids;
        lock (_gate)
        {
            _terminal = true;
            ids = [.. _init.Concat(_containers).Select(s => s.CurrentId).OfType<string>()];
        }
        foreach (var id in ids)
        {
            await DeleteContainerAsync(id);
        }
        try
        {
            if (Directory.Exists(PodFolder))
            {
                Directory.Delete(PodFolder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _context.Report($"could not remove {PodFolder} of pod {Key}: {e.Message}");
        }
        foreach (var left in PodCgroups.Remove(_context.Options.Bundle.CgroupParent, Uid))
        {
            _context.Report($"could not remove the cgroup {left} of pod {Key}; it still holds processes");
        }

        V1Pod pod;
        bool gone;
        lock (_gate)
        {
            pod = _pod;
            gone = _gone;
        }
        if (!gone)
        {
            await PublishAsync(cancellationToken);
            await _context.Status.DeletePodAsync(pod, cancellationToken);
        }
    }

    private async Task DeleteContainerAsync(string id)
    {
        try
        {
            await _context.Runtime.DeleteAsync(id, CancellationToken.None);
        }
        catch (ContainerRuntimeException e)
        {
            _context.Report($"could not delete container {id} of pod {Key}: {e.Message}");
        }
    }
}
