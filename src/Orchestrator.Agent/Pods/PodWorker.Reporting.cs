using k8s;
using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Agent.Pods;

// How a pod worker reports: one status write at a time, only when something changed, and events once each.
internal sealed partial class PodWorker
{
    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        await _publishing.WaitAsync(cancellationToken);
        try
        {
            V1Pod pod;
            V1PodStatus status;
            lock (_gate)
            {
                if (_gone)
                {
                    return;
                }
                pod = _pod;
                status = PodStatusBuilder.Build(_pod, Snapshot(), _written, _context.Options.InternalIP, _context.Now());
            }
            var json = KubernetesJson.Serialize(status);
            if (json == _writtenJson)
            {
                return;
            }
            try
            {
                await _context.Status.WriteStatusAsync(pod, status, cancellationToken);
                _written = status;
                _writtenJson = json;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                _context.Report($"could not report the status of pod {Key} ({ApiErrors.Describe(e)}); trying again in {_context.Options.StatusInterval.TotalSeconds:0}s");
                RetryPublishLater(cancellationToken);
            }
        }
        finally
        {
            _publishing.Release();
        }
    }

    /// <summary>
    /// Publishes without waiting: for the reports on the way to a start (Pending, ContainerCreating), which the start
    /// itself need not wait for, as the kubelet's status manager does not hold up its pod workers. Writes still go
    /// one at a time, each built from the state of its moment, so the later Running write cannot be overtaken.
    /// Skipped while a container an earlier agent started is not yet adopted or given up: until then its state here
    /// says it ended, and a running container must not show as ended for a moment after every agent restart.
    /// </summary>
    private void PublishSoon(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_init.Concat(_containers).Any(slot => slot.Adopted is not null))
            {
                return;
            }
        }
        _ = PublishQuietlyAsync();

        async Task PublishQuietlyAsync()
        {
            try
            {
                await PublishAsync(cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // The agent is stopping.
            }
        }
    }

    private void RetryPublishLater(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _retryPending, 1) == 1)
        {
            return;
        }
        _ = RetryAsync();

        async Task RetryAsync()
        {
            try
            {
                await Task.Delay(_context.Options.StatusInterval, _context.Time, cancellationToken);
                Volatile.Write(ref _retryPending, 0);
                await PublishAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The agent is stopping.
            }
        }
    }

    private PodSnapshot Snapshot() => new(
        _startTime,
        _volumesReady,
        [.. _init.Select(s => s.Snapshot())],
        [.. _containers.Select(s => s.Snapshot())],
        _terminal);

    /// <summary>Records an event once per distinct message, so a retry loop does not flood the namespace.</summary>
    private async Task EventAsync(string type, string reason, string message, CancellationToken cancellationToken)
    {
        V1Pod pod;
        lock (_gate)
        {
            if (_gone || !_events.Add($"{reason}\n{message}"))
            {
                return;
            }
            pod = _pod;
        }
        try
        {
            await _context.Status.RecordEventAsync(pod, type, reason, message, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _context.Report($"could not record event {reason} for pod {Key}: {ApiErrors.Describe(e)}");
        }
    }
}
