using k8s.Models;
using Orchestrator.Api.Http;
using Orchestrator.Controllers.Runtime;

namespace Orchestrator.Controllers.NodeLifecycle;

public sealed partial class NodeLifecycleController
{
    private static readonly string[] KubeletConditions = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

    private async Task ApplyAsync(V1Node node, NodeAction action, DateTimeOffset now)
    {
        var name = node.Metadata.Name;
        if (action.SetUnknown)
        {
            await UpdateNodeAsync(name, n => MarkUnknown(n, now), "status");
            LogNodeChange(logger, name, "no heartbeat within the grace period, conditions set to Unknown");
        }
        if (action.AddTaints.Count > 0 || action.RemoveTaints.Count > 0)
        {
            await UpdateNodeAsync(name, n => SwapTaints(n, action, now), null);
            if (action.AddTaints.Any(t => t.EndsWith(":NoExecute", StringComparison.Ordinal)))
            {
                NodeLifecycleMetrics.NoExecuteTaints.WithLabels(Label(node.Metadata.Labels ?? new Dictionary<string, string>(), "topology.kubernetes.io/zone") ?? "").Inc();
            }
            LogNodeChange(logger, name, $"taints added [{string.Join(", ", action.AddTaints)}], removed [{string.Join(", ", action.RemoveTaints)}]");
        }
        if (action.ReportNotReady)
        {
            await events.RecordAsync(node, ControllerName, "Normal", "NodeNotReady", $"Node {name} status is now: NodeNotReady");
            await MarkPodsNotReadyAsync(name, now);
        }
    }

    /// <summary>Reads the node afresh, changes it, and writes it back, again on a conflict with its kubelet.</summary>
    private async Task UpdateNodeAsync(string name, Func<V1Node, bool> change, string? subresource)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (client.Get<V1Node>(_nodes, null, name) is not { } node || !change(node))
            {
                return;
            }
            try
            {
                await client.UpdateAsync(_nodes, node, ControllerName, subresource);
                return;
            }
            catch (ApiException e) when (e.Code == 409 && attempt < 5)
            {
                // The kubelet wrote in between: apply the change to what it wrote.
            }
        }
    }

    private static bool MarkUnknown(V1Node node, DateTimeOffset now)
    {
        node.Status ??= new V1NodeStatus();
        var conditions = node.Status.Conditions ??= [];
        if (!conditions.Any(c => c.Type == "Ready"))
        {
            conditions.Add(new V1NodeCondition { Status = "Unknown", Type = "Ready", LastTransitionTime = now.UtcDateTime, Reason = "NodeStatusNeverUpdated", Message = "Kubelet never posted node status." });
        }
        foreach (var condition in conditions.Where(c => KubeletConditions.Contains(c.Type) && c.Status != "Unknown"))
        {
            condition.Status = "Unknown";
            condition.Reason = "NodeStatusUnknown";
            condition.Message = "Kubelet stopped posting node status.";
            condition.LastTransitionTime = now.UtcDateTime;
        }
        return true;
    }

    private static bool SwapTaints(V1Node node, NodeAction action, DateTimeOffset now)
    {
        node.Spec ??= new V1NodeSpec();
        var taints = (node.Spec.Taints ?? []).Where(t => !action.RemoveTaints.Contains($"{t.Key}:{t.Effect}")).ToList();
        foreach (var add in action.AddTaints)
        {
            var (key, effect) = (add[..add.LastIndexOf(':')], add[(add.LastIndexOf(':') + 1)..]);
            if (!taints.Any(t => t.Key == key && t.Effect == effect))
            {
                taints.Add(new V1Taint { Effect = effect, Key = key, TimeAdded = effect == "NoExecute" ? now.UtcDateTime : null });
            }
        }
        node.Spec.Taints = taints.Count == 0 ? null : taints;
        return true;
    }

    /// <summary>kube's MarkPodsNotReady: the pods of a node that stopped reporting are not ready either.</summary>
    private async Task MarkPodsNotReadyAsync(string nodeName, DateTimeOffset now)
    {
        foreach (var stored in client.Cache.ListByField(_pods.StorageKey, "spec.nodeName", nodeName))
        {
            var pod = InProcessClient.Decode<V1Pod>(stored);
            if (pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready") is not { Status: "True" } ready)
            {
                continue;
            }
            ready.Status = "False";
            ready.LastTransitionTime = now.UtcDateTime;
            try
            {
                await client.UpdateAsync(_pods, pod, ControllerName, "status");
                await events.RecordAsync(pod, ControllerName, "Warning", "NodeNotReady", "Node is not ready");
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                // Gone or changed by someone else; its kubelet is silent, so the next pass of that node will not retry.
            }
        }
    }
}
