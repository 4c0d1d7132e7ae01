using System.Collections.Concurrent;
using k8s.Models;
using Orchestrator.Api.Http;
using Orchestrator.Controllers.Runtime;
using Orchestrator.Core.Resources;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.NodeLifecycle;

/// <summary>
/// kube's taint eviction controller: a pod on a node with NoExecute taints it does not tolerate is deleted at once;
/// one that tolerates them for tolerationSeconds is deleted that long after the taints' timeAdded (on a timer, not at a
/// later pass), unless they go away first. Its ReplicaSet then replaces it on a node without them.
/// </summary>
public sealed class TaintEvictionController(InProcessClient client, EventRecorder events, TimeProvider clock) : IController
{
    public const string ControllerName = "taint-eviction-controller";

    private readonly ResourceDescriptor _nodes = client.Resource("", "nodes");
    private readonly ResourceDescriptor _pods = client.Resource("", "pods");
    private readonly HashSet<string> _taintedNodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _since = new(StringComparer.Ordinal);

    public string Name => ControllerName;

    public IReadOnlyList<string> Watches => [_nodes.StorageKey, _pods.StorageKey];

    public IEnumerable<string> KeysFor(ChangeEvent change)
    {
        if (change.Object.Key.Resource == _nodes.StorageKey)
        {
            var name = change.Object.Key.Name;
            var tainted = change.Type != WatchEventType.Deleted && HasNoExecute(change.Object);
            var was = _taintedNodes.Contains(name);
            if (tainted)
            {
                _taintedNodes.Add(name);
            }
            else
            {
                _taintedNodes.Remove(name);
            }
            if (!tainted && !was)
            {
                return [];
            }
            return client.Cache.ListByField(_pods.StorageKey, "spec.nodeName", name).Select(p => WorkKeys.Of(p.Key.Namespace, p.Key.Name));
        }
        var key = WorkKeys.Of(change.Object.Key.Namespace, change.Object.Key.Name);
        var node = change.Object.Summary.Field("spec.nodeName");
        return (node is not null && _taintedNodes.Contains(node)) || _since.ContainsKey(key) ? [key] : [];
    }

    public async Task<TimeSpan?> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = WorkKeys.Split(key);
        var pod = client.Get<V1Pod>(_pods, ns, name);
        if (pod is null || pod.Metadata.DeletionTimestamp is not null || string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            _since.TryRemove(key, out _);
            return null;
        }
        var node = client.Get<V1Node>(_nodes, null, pod.Spec.NodeName);
        var now = clock.GetUtcNow();
        if (TaintEviction.Delay(pod.Spec.Tolerations, node?.Spec?.Taints ?? []) is not { } delay)
        {
            if (_since.TryRemove(key, out _))
            {
                await events.RecordAsync(pod, ControllerName, "Normal", "TaintManagerEviction", $"Cancelling deletion of Pod {key}");
            }
            return null;
        }
        var taintedSince = TaintEviction.TaintedSince(node?.Spec?.Taints ?? [], now);
        // The earliest start wins, as kube keeps an eviction already scheduled earlier (e.g. unreachable swapped for not-ready).
        var due = _since.AddOrUpdate(key, taintedSince, (_, before) => before < taintedSince ? before : taintedSince) + delay;
        if (due > now)
        {
            return due - now;
        }
        await events.RecordAsync(pod, ControllerName, "Normal", "TaintManagerEviction", $"Marking for deletion Pod {key}");
        await MarkDisruptedAsync(pod, now);
        if (await client.DeleteAsync(_pods, ns, name, null, pod.Metadata.Uid))
        {
            NodeLifecycleMetrics.TaintEvictions.Inc();
        }
        _since.TryRemove(key, out _);
        return null;
    }

    /// <summary>The DisruptionTarget condition kube sets before deleting, so the pod's end says why.</summary>
    private async Task MarkDisruptedAsync(V1Pod pod, DateTimeOffset now)
    {
        pod.Status ??= new V1PodStatus();
        var conditions = pod.Status.Conditions ??= [];
        if (conditions.Any(c => c.Type == "DisruptionTarget"))
        {
            return;
        }
        conditions.Add(new V1PodCondition
        {
            Status = "True",
            Type = "DisruptionTarget",
            LastTransitionTime = now.UtcDateTime,
            Reason = "DeletionByTaintManager",
            Message = "Taint manager: deleting due to NoExecute taint",
        });
        try
        {
            await client.UpdateAsync(_pods, pod, ControllerName, "status");
        }
        catch (ApiException e) when (e.Code is 404 or 409 or 422)
        {
            // Best effort: the deletion matters, the condition only explains it.
        }
    }

    private static bool HasNoExecute(StoredObject stored) =>
        InProcessClient.Decode<V1Node>(stored).Spec?.Taints?.Any(t => t.Effect == "NoExecute") == true;
}
