using System.Collections.Immutable;
using k8s.Models;
using Orchestrator.Scheduling.Model;

namespace Orchestrator.Grains.Scheduling;

/// <summary>A Kubernetes Node as the scheduler sees it (without its pods, which the caller adds).</summary>
public static class NodeTranslation
{
    public static NodeInfo ToNodeInfo(V1Node node) => new()
    {
        Name = node.Metadata.Name,
        Labels = node.Metadata.Labels?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, string>.Empty,
        Taints = [.. (node.Spec?.Taints ?? []).Select(t => new Taint(t.Key, t.Value ?? "", Effect(t.Effect)))],
        Unschedulable = node.Spec?.Unschedulable == true,
        // A node that reports no allocatable offers its capacity, as the kubelet does before it computes reservations.
        Allocatable = ResourceTranslation.From(node.Status?.Allocatable ?? node.Status?.Capacity),
    };

    internal static TaintEffect Effect(string? effect) => effect switch
    {
        "NoSchedule" => TaintEffect.NoSchedule,
        "PreferNoSchedule" => TaintEffect.PreferNoSchedule,
        "NoExecute" => TaintEffect.NoExecute,
        _ => TaintEffect.None,
    };
}
