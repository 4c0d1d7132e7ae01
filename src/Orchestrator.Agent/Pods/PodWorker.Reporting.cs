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
