using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Orchestrator.Client;
using Polly.CircuitBreaker;

namespace Orchestrator.Simulation;

/// <summary>
/// The kubelet's pod loop without containers. One watch over every namespace follows bound pods; a pod bound to
/// a simulated node is reported Running, and one being deleted gracefully is removed at once, since nothing
/// runs that has to stop. A bounded set of workers makes the writes.
/// </summary>
internal sealed class PodRunner(SimulationContext context)
{
    // Bound pods only: unscheduled pods are the scheduler's business and, at scale, much of the churn.
    private const string BoundPods = "spec.nodeName!=";
    private const int PageSize = 1000;

    // The server ends the watch after this long; it is then resumed from the last resourceVersion seen.
    private const int WatchSeconds = 300;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly Channel<PodWork> _work = Channel.CreateUnbounded<PodWork>();
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, context.Options.MaxConcurrentWrites).Select(_ => WorkAsync(cancellationToken)).ToList();
        try
        {
            await WatchAsync(cancellationToken);
        }
        finally
        {
            _work.Writer.TryComplete();
            await Task.WhenAll(workers);
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var reported = false;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await ListAsync(cancellationToken);
                if (!reported)
                {
                    context.Report($"watching pods bound to {context.Nodes.Count} simulated nodes");
                    reported = true;
                }
                var gone = false;
                // A dropped stream is retried by the pipeline, resuming from the last resourceVersion seen.
                await context.Pipelines[ApiPipelines.Watch].ExecuteAsync(async token =>
                {
                    var events = context.Client.CoreV1.WatchListPodForAllNamespacesAsync(
                        allowWatchBookmarks: true, fieldSelector: BoundPods, resourceVersion: resourceVersion,
                        timeoutSeconds: WatchSeconds, onError: error => gone |= IsGone(error), cancellationToken: token);
                    await foreach (var (type, pod) in events)
                    {
                        resourceVersion = pod.Metadata?.ResourceVersion ?? resourceVersion;
                        if (type != WatchEventType.Bookmark)
                        {
                            Observe(type, pod);
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
                context.Counters.Failed();
                context.LastError = e;
                context.Report($"the pod watch failed ({SimulationContext.Describe(e)}); retrying");
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures))), context.Time, cancellationToken);
            }
        }
    }

    /// <summary>Lists every bound pod a page at a time, acts on the ones on our nodes, and returns where to watch from.</summary>
    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        foreach (var node in context.Nodes)
        {
            node.ForgetAddresses();
        }
        string? continueToken = null;
        string resourceVersion;
        do
        {
            var page = await context.Pipelines[ApiPipelines.List].ExecuteAsync(async token =>
                await context.Client.CoreV1.ListPodForAllNamespacesAsync(
                    continueParameter: continueToken, fieldSelector: BoundPods, limit: PageSize, cancellationToken: token), cancellationToken);
            // Running pods first, so the addresses they hold are known before new ones are handed out.
            foreach (var pod in page.Items.OrderBy(p => p.Status?.Phase == "Running" ? 0 : 1))
            {
                Observe(WatchEventType.Added, pod);
            }
            continueToken = page.Metadata?.ContinueProperty;
            resourceVersion = page.Metadata?.ResourceVersion ?? "0";
        }
        while (!string.IsNullOrEmpty(continueToken));
        return resourceVersion;
    }

    private void Observe(WatchEventType type, V1Pod pod)
    {
        if (pod.Spec?.NodeName is not { } nodeName || !context.ByName.TryGetValue(nodeName, out var node) || pod.Metadata?.Name is null)
        {
            return;
        }
        var key = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";
        if (type == WatchEventType.Deleted)
        {
            node.ReleaseAddress(key);
            return;
        }
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            Enqueue(new PodWork(Delete: true, node, pod, key, null));
            return;
        }
        switch (pod.Status?.Phase)
        {
            case "Running" when pod.Status.PodIP is { Length: > 0 } ip:
                if (pod.Spec.HostNetwork != true)
                {
                    node.RecordAddress(key, ip);
                }
                if (pod.Status.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "False")
                {
                    // Marked not ready while the node was silent (the node lifecycle controller does that); a
                    // kubelet's status manager reports its own view again, and so does a simulated one.
                    Enqueue(new PodWork(Delete: false, node, pod, key, ip));
                }
                return;
            case "Running" or "Succeeded" or "Failed":
                return;
        }
        var address = pod.Spec.HostNetwork == true ? node.HostIp : node.AssignAddress(key);
        Enqueue(new PodWork(Delete: false, node, pod, key, address));
    }

    private void Enqueue(PodWork work)
    {
        if (_inFlight.TryAdd(work.Id, 0) && !_work.Writer.TryWrite(work))
        {
            _inFlight.TryRemove(work.Id, out _);
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await (work.Delete ? DeleteAsync(work, cancellationToken) : StartAsync(work, cancellationToken));
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    context.Counters.Failed();
                    context.LastError = e;
                    if (ApiPipelines.IsTransient(e) || e is BrokenCircuitException)
                    {
                        _ = RetryLaterAsync(work, cancellationToken);
                    }
                }
                finally
                {
                    _inFlight.TryRemove(work.Id, out _);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: work still queued is picked up from the list when the simulator starts again.
        }
    }

    private async Task StartAsync(PodWork work, CancellationToken cancellationToken)
    {
        var status = RunningPodStatus.Build(work.Pod, work.Node.HostIp, work.Address!, context.Now());
        try
        {
            await context.WriteAsync(token => context.Client.CoreV1.PatchNamespacedPodStatusAsync(
                new V1Patch(new V1Pod { Status = status }, V1Patch.PatchType.MergePatch), work.Name, work.Namespace, cancellationToken: token), cancellationToken);
            context.Counters.PodStarted();
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.NotFound))
        {
            work.Node.ReleaseAddress(work.Key);
        }
    }

    /// <summary>Removes a gracefully deleted pod at once (grace 0), as a kubelet does once its containers stopped.</summary>
    private async Task DeleteAsync(PodWork work, CancellationToken cancellationToken)
    {
        var options = new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = work.Pod.Metadata.Uid } };
        try
        {
            await context.WriteAsync(token => context.Client.CoreV1.DeleteNamespacedPodAsync(
                work.Name, work.Namespace, options, gracePeriodSeconds: 0, cancellationToken: token), cancellationToken);
            context.Counters.PodDeleted();
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.NotFound) || ApiPipelines.IsStatus(e, HttpStatusCode.Conflict))
        {
            // Already gone, or a new pod of the same name (the uid precondition failed): nothing of ours to remove.
        }
        work.Node.ReleaseAddress(work.Key);
    }

    private async Task RetryLaterAsync(PodWork work, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(RetryDelay, context.Time, cancellationToken);
            Enqueue(work);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private static bool IsGone(Exception error) =>
        error is KubernetesException { Status.Code: 410 } || ApiPipelines.IsStatus(error, HttpStatusCode.Gone);
}
