using System.Collections.Immutable;
using k8s.Models;
using Orchestrator.Scheduling.Model;
using LabelSelector = Orchestrator.Scheduling.Model.LabelSelector;
using OwnerReference = Orchestrator.Scheduling.Model.OwnerReference;

namespace Orchestrator.Grains.Scheduling;

/// <summary>A Kubernetes Pod as the scheduler sees it: identity, requests and every placement rule it supports.</summary>
public static class PodTranslation
{
    public static PodInfo ToPodInfo(V1Pod pod)
    {
        var spec = pod.Spec;
        var owner = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        var nodeAffinity = spec.Affinity?.NodeAffinity;
        return new PodInfo
        {
            Namespace = pod.Metadata.NamespaceProperty ?? "default",
            Name = pod.Metadata.Name,
            Uid = pod.Metadata.Uid ?? "",
            Owner = owner is null ? null : new OwnerReference(owner.Kind, owner.Uid),
            Labels = pod.Metadata.Labels?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, string>.Empty,
            Priority = spec.Priority ?? 0,
            Requests = Requests(spec),
            NodeName = spec.NodeName ?? "",
            NodeSelector = spec.NodeSelector?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, string>.Empty,
            RequiredNodeAffinity = [.. (nodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? []).Select(Term)],
            PreferredNodeAffinity = [.. (nodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? []).Select(p => new PreferredSchedulingTerm(p.Weight, Term(p.Preference)))],
            Tolerations = [.. (spec.Tolerations ?? []).Select(Toleration)],
            TopologySpreadConstraints = [.. (spec.TopologySpreadConstraints ?? []).Select(Spread)],
            RequiredAntiAffinity = [.. (spec.Affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? [])
                .Where(t => t.TopologyKey == WellKnownLabels.Hostname)
                .Select(t => new PodAntiAffinityTerm(Selector(t.LabelSelector)))],
            SchedulerName = string.IsNullOrEmpty(spec.SchedulerName) ? PodInfo.DefaultSchedulerName : spec.SchedulerName,
            PreemptionPolicy = spec.PreemptionPolicy == "Never" ? PreemptionPolicy.Never : PreemptionPolicy.PreemptLowerPriority,
            NominatedNodeName = pod.Status?.NominatedNodeName ?? "",
            StartTime = pod.Status?.StartTime is { } start ? new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)) : null,
            TerminatingByPreemption = pod.Metadata.DeletionTimestamp is not null
                && pod.Status?.Conditions?.Any(c => c.Type == "DisruptionTarget" && c.Status == "True" && c.Reason == "PreemptionByScheduler") == true,
        };
    }

    /// <summary>
    /// What the pod asks of a node: the sum of its containers' requests, at least each init container's, plus the
    /// runtime overhead (Kubernetes' resource.PodRequests). A container with limits but no requests requests its limits.
    /// </summary>
    public static Resources Requests(V1PodSpec spec)
    {
        var sum = Resources.None;
        foreach (var container in spec.Containers ?? [])
        {
            sum += ContainerRequests(container);
        }
        foreach (var init in spec.InitContainers ?? [])
        {
            // A restartable init container (a sidecar) runs beside the containers, so it adds instead of bounding.
            sum = init.RestartPolicy == "Always" ? sum + ContainerRequests(init) : ResourceTranslation.Max(sum, ContainerRequests(init));
        }
        return sum + ResourceTranslation.From(spec.Overhead);
    }

    private static Resources ContainerRequests(V1Container container)
    {
        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        if (limits is null || limits.Count == 0)
        {
            return ResourceTranslation.From(requests);
        }
        var merged = new Dictionary<string, ResourceQuantity>(limits, StringComparer.Ordinal);
        if (requests is not null)
        {
            foreach (var pair in requests)
            {
                merged[pair.Key] = pair.Value;
            }
        }
        return ResourceTranslation.From(merged);
    }

    private static NodeSelectorTerm Term(V1NodeSelectorTerm term) =>
        new((term.MatchExpressions ?? []).Select(e => new NodeSelectorRequirement(e.Key, Operator(e.OperatorProperty), (e.Values ?? []).ToImmutableArray())).ToImmutableArray());

    private static NodeSelectorOperator Operator(string op) => op switch
    {
        "In" => NodeSelectorOperator.In,
        "NotIn" => NodeSelectorOperator.NotIn,
        "Exists" => NodeSelectorOperator.Exists,
        "DoesNotExist" => NodeSelectorOperator.DoesNotExist,
        "Gt" => NodeSelectorOperator.Gt,
        "Lt" => NodeSelectorOperator.Lt,
        _ => throw new ArgumentException($"unknown node selector operator {op}", nameof(op)),
    };

    private static Toleration Toleration(V1Toleration t) => new(
        t.Key ?? "",
        t.OperatorProperty == "Exists" ? TolerationOperator.Exists : TolerationOperator.Equal,
        t.Value ?? "",
        NodeTranslation.Effect(t.Effect));

    private static TopologySpreadConstraint Spread(V1TopologySpreadConstraint c) => new(
        c.MaxSkew,
        c.TopologyKey,
        c.WhenUnsatisfiable == "ScheduleAnyway" ? UnsatisfiableConstraintAction.ScheduleAnyway : UnsatisfiableConstraintAction.DoNotSchedule,
        Selector(c.LabelSelector));

    // The core matches matchLabels; a single-valued In expression is the same requirement, so it is folded in.
    private static LabelSelector Selector(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return LabelSelector.Everything;
        }
        var labels = (selector.MatchLabels ?? new Dictionary<string, string>()).ToImmutableDictionary(StringComparer.Ordinal).ToBuilder();
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            if (expression.OperatorProperty == "In" && expression.Values is { Count: 1 })
            {
                labels[expression.Key] = expression.Values[0];
            }
            else
            {
                throw new NotSupportedException($"label selector expression {expression.Key} {expression.OperatorProperty} is not supported by this scheduler yet; use matchLabels");
            }
        }
        return new LabelSelector(labels.ToImmutable());
    }
}
