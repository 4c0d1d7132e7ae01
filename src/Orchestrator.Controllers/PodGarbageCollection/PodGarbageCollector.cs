using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Api.Http;
using Orchestrator.Controllers.Runtime;
using Orchestrator.Core.Resources;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.PodGarbageCollection;

/// <summary>
/// kube's pod garbage collector: every check period it force-deletes what <see cref="PodGcCore"/> picks (terminated
/// pods over the threshold, terminating pods on out-of-service nodes, pods of deleted nodes, terminating pods never
/// bound), each first marked Failed as kube does so that its end is recorded. Only pods worth a look are decoded.
/// </summary>
public sealed partial class PodGarbageCollector(InProcessClient client, TimeProvider clock, PodGcOptions options, ILogger<PodGarbageCollector> logger) : IController
{
    public const string ControllerName = "pod-garbage-collector";

    private const string TickKey = "pods/gc";

    private readonly PodGcCore _core = new(options);
    private readonly ResourceDescriptor _nodes = client.Resource("", "nodes");
    private readonly ResourceDescriptor _pods = client.Resource("", "pods");
    private bool _ticking;

    public string Name => ControllerName;

    /// <summary>Pods and nodes are watched only to start the periodic check once both lists are read.</summary>
    public IReadOnlyList<string> Watches => [_pods.StorageKey, _nodes.StorageKey];

    public IEnumerable<string> KeysFor(ChangeEvent change)
    {
        if (_ticking)
        {
            return [];
        }
        _ticking = true;
        return [TickKey];
    }

    public async Task<TimeSpan?> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var nodes = client.List<V1Node>(_nodes, null).Select(View).ToDictionary(n => n.Name, StringComparer.Ordinal);
        var deletions = _core.Collect(now, ReadPods(nodes), nodes);
        foreach (var deletion in deletions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ForceDeleteAsync(deletion, now);
        }
        return options.CheckPeriod;
    }

    /// <summary>Terminating pods, pods of missing nodes, and terminated pods only when there are more than the threshold.</summary>
    private List<PodGcPod> ReadPods(IReadOnlyDictionary<string, PodGcNode> nodes)
    {
        var stored = client.Cache.List(_pods.StorageKey, null, _ => true).Items;
        var terminated = options.TerminatedPodThreshold > 0 && stored.Count(s => IsTerminated(s.Summary.Field("status.phase"))) > options.TerminatedPodThreshold;
        bool Worth(StoredObject s)
        {
            var node = s.Summary.Field("spec.nodeName");
            return IsTerminating(s) || (!string.IsNullOrEmpty(node) && !nodes.ContainsKey(node)) || (terminated && IsTerminated(s.Summary.Field("status.phase")));
        }
        return [.. stored.Where(Worth).Select(s => View(InProcessClient.Decode<V1Pod>(s)))];
    }

    private async Task ForceDeleteAsync(PodGcDeletion deletion, DateTimeOffset now)
    {
        var (pod, reason) = deletion;
        try
        {
            if (!pod.Terminated && client.Get<V1Pod>(_pods, pod.Namespace, pod.Name) is { } current && current.Metadata.Uid == pod.Uid)
            {
                await MarkFailedAsync(current, reason, now);
            }
            if (await client.DeleteAsync(_pods, pod.Namespace, pod.Name, null, pod.Uid, gracePeriodSeconds: 0))
            {
                PodGcMetrics.DeletedPods.WithLabels(reason.ToString()).Inc();
                LogForceDeleted(logger, pod.Namespace, pod.Name, reason);
            }
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Gone or replaced meanwhile: the next check looks again.
        }
    }

    /// <summary>kube's markFailedAndDeletePod: a pod nobody will stop is Failed before it goes; an orphan also says why.</summary>
    private async Task MarkFailedAsync(V1Pod pod, PodGcReason reason, DateTimeOffset now)
    {
        pod.Status ??= new V1PodStatus();
        pod.Status.Phase = "Failed";
        if (reason == PodGcReason.Orphaned)
        {
            var conditions = pod.Status.Conditions = [.. (pod.Status.Conditions ?? []).Where(c => c.Type != "DisruptionTarget")];
            conditions.Add(new V1PodCondition
            {
                Type = "DisruptionTarget",
                Status = "True",
                Reason = "DeletionByPodGC",
                Message = "PodGC: node no longer exists",
                LastTransitionTime = now.UtcDateTime,
            });
        }
        try
        {
            await client.UpdateAsync(_pods, pod, ControllerName, "status");
        }
        catch (ApiException e) when (e.Code is 409 or 422)
        {
            // Best effort: the deletion matters, the phase only records it.
        }
    }

    private static bool IsTerminated(string? phase) => phase is "Succeeded" or "Failed";

    private static bool IsTerminating(StoredObject stored) => stored.Json.AsSpan().IndexOf("\"deletionTimestamp\""u8) >= 0;

    private static PodGcNode View(V1Node node) => new(
        node.Metadata.Name,
        node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True",
        node.Spec?.Taints?.Any(t => t.Key == PodGcCore.OutOfServiceTaintKey) == true);

    private static PodGcPod View(V1Pod pod) => new(
        pod.Metadata.NamespaceProperty ?? "",
        pod.Metadata.Name,
        pod.Metadata.Uid ?? "",
        pod.Spec?.NodeName,
        pod.Status?.Phase,
        pod.Metadata.DeletionTimestamp is not null,
        pod.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue,
        pod.Status?.Reason == "Evicted");

    [LoggerMessage(Level = LogLevel.Information, Message = "Force-deleted pod {Namespace}/{Pod}: {Reason}")]
    private static partial void LogForceDeleted(ILogger logger, string @namespace, string pod, PodGcReason reason);
}
