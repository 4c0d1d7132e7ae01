using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Agent.Pods;

/// <summary>
/// The kubelet's pod source: lists then watches the pods bound to this node (fieldSelector spec.nodeName), resuming
/// from the last resourceVersion and listing again on 410 Gone, and hands each pod uid to its own <see cref="PodWorker"/>.
/// </summary>
internal sealed class PodWatcher(AgentContext context, PodWorkerContext workers)
{
    private const int PageSize = 500;

    // The server ends a watch after this long; it is then resumed from the last resourceVersion seen.
    private const int WatchSeconds = 300;

    private readonly ConcurrentDictionary<string, Running> _workers = new(StringComparer.Ordinal);

    // Uids whose worker has finished (the pod was deleted): late events about them must not start a new worker.
    private readonly ConcurrentDictionary<string, byte> _finished = new(StringComparer.Ordinal);

    private string FieldSelector => "spec.nodeName=" + context.Options.NodeName;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WatchAsync(cancellationToken);
        }
        finally
        {
            await Task.WhenAll(_workers.Values.Select(w => w.Task));
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    resourceVersion = await ListAsync(cancellationToken);
                    context.Report($"watching the pods bound to node {context.Options.NodeName} ({_workers.Count} now)");
                }
                var gone = false;
                var from = resourceVersion;
                // A dropped stream is retried by the pipeline, resuming from the last resourceVersion seen.
                await context.Pipelines[ApiPipelines.Watch].ExecuteAsync(async token =>
                {
                    var events = context.Client.CoreV1.WatchListPodForAllNamespacesAsync(
                        allowWatchBookmarks: true, fieldSelector: FieldSelector, resourceVersion: resourceVersion,
                        timeoutSeconds: WatchSeconds, onError: error => gone |= IsGone(error), cancellationToken: token);
                    await foreach (var (type, pod) in events)
                    {
                        resourceVersion = pod.Metadata?.ResourceVersion ?? resourceVersion;
                        if (type != WatchEventType.Bookmark)
                        {
                            Observe(type, pod, cancellationToken);
                        }
                        failures = 0;
                    }
                }, cancellationToken);
                if (gone)
                {
                    // 410 Gone: the server's window has moved past our resourceVersion; start again from a list.
                    resourceVersion = null;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                if (IsGone(e))
                {
                    resourceVersion = null;
                    continue;
                }
                failures++;
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures)));
                context.Report($"the pod watch failed ({ApiErrors.Describe(e)}); retrying in {delay.TotalSeconds:0}s");
                await Task.Delay(delay, context.Time, cancellationToken);
            }
        }
    }

    /// <summary>Lists the node's pods a page at a time, starts or updates their workers, stops the workers of pods no longer there.</summary>
    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? continueToken = null;
        string resourceVersion;
        do
        {
            var page = await context.Pipelines[ApiPipelines.List].ExecuteAsync(async token =>
                await context.Client.CoreV1.ListPodForAllNamespacesAsync(
                    continueParameter: continueToken, fieldSelector: FieldSelector, limit: PageSize, cancellationToken: token), cancellationToken);
            foreach (var pod in page.Items)
            {
                if (pod.Metadata?.Uid is { } uid)
                {
                    seen.Add(uid);
                    Observe(WatchEventType.Added, pod, cancellationToken);
                }
            }
            continueToken = page.Metadata?.ContinueProperty;
            resourceVersion = page.Metadata?.ResourceVersion ?? "0";
        }
        while (!string.IsNullOrEmpty(continueToken));

        // Deleted while the watch was down.
        foreach (var (uid, running) in _workers)
        {
            if (!seen.Contains(uid))
            {
                running.Worker.ObserveDeleted();
            }
        }
        foreach (var uid in _finished.Keys.Where(uid => !seen.Contains(uid)))
        {
            _finished.TryRemove(uid, out _);
        }
        return resourceVersion;
    }

    private void Observe(WatchEventType type, V1Pod pod, CancellationToken cancellationToken)
    {
        if (pod.Metadata?.Uid is not { } uid || pod.Spec?.NodeName != context.Options.NodeName)
        {
            return;
        }
        if (_workers.TryGetValue(uid, out var running))
        {
            running.Worker.Observe(pod);
            if (type == WatchEventType.Deleted)
            {
                running.Worker.ObserveDeleted();
            }
            return;
        }
        if (type == WatchEventType.Deleted)
        {
            _finished.TryRemove(uid, out _);
            return;
        }
        if (_finished.ContainsKey(uid))
        {
            return;
        }
        var worker = new PodWorker(pod, workers);
        var task = RunWorkerAsync(worker, cancellationToken);
        _workers[uid] = new Running(worker, task);
    }

    private async Task RunWorkerAsync(PodWorker worker, CancellationToken cancellationToken)
    {
        // Let Observe register the worker before it can finish and unregister itself.
        await Task.Yield();
        try
        {
            await worker.RunAsync(cancellationToken);
            if (!cancellationToken.IsCancellationRequested)
            {
                _finished[worker.Uid] = 0;
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A worker ends only with its pod; a crash would leave the pod unattended, so say so loudly.
            context.Report($"the worker of pod {worker.Key} failed, and starts again with the next event about it: {(ApiPipelines.IsTransient(e) ? ApiErrors.Describe(e) : e.ToString())}");
        }
        finally
        {
            _workers.TryRemove(worker.Uid, out _);
        }
    }

    private static bool IsGone(Exception error) =>
        error is KubernetesException { Status.Code: 410 } || ApiPipelines.IsStatus(error, HttpStatusCode.Gone);

    private sealed record Running(PodWorker Worker, Task Task);
}
