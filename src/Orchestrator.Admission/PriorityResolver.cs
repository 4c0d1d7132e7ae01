using System.Text.Json.Nodes;
using k8s.Models;

namespace Orchestrator.Admission;

/// <summary>The Priority admission plugin for pod creation: resolves spec.priority and spec.preemptionPolicy from the PriorityClass.</summary>
public static class PriorityResolver
{
    private const string PreemptLowerPriority = "PreemptLowerPriority";

    /// <summary>The classes every cluster has; consulted when the lookup does not know the name.</summary>
    public static IReadOnlyList<PriorityClassInfo> BuiltIns { get; } =
    [
        new("system-node-critical", 2_000_001_000, PreemptLowerPriority),
        new("system-cluster-critical", 2_000_000_000, PreemptLowerPriority),
    ];

    /// <summary>
    /// Mutates a pod being created; returns a cause when Kubernetes would refuse it. Kubernetes answers these
    /// refusals as 403 Forbidden (<c>pods "x" is forbidden: ...</c>), so the cause's Message is that sentence.
    /// </summary>
    public static V1StatusCause? Resolve(JsonObject pod, Func<string, PriorityClassInfo?> lookup, PriorityClassInfo? globalDefault)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(lookup);
        var spec = Json.Ensure(pod, "spec");
        var className = Json.Str(spec, "priorityClassName") ?? "";

        PriorityClassInfo? resolved;
        if (className.Length == 0)
        {
            resolved = globalDefault;
        }
        else
        {
            resolved = lookup(className) ?? BuiltIns.FirstOrDefault(b => b.Name == className);
            if (resolved is null)
            {
                return Causes.NotFound("spec.priorityClassName", $"no PriorityClass with name {className} was found");
            }
        }

        var priority = resolved?.Value ?? 0;
        // PriorityClass defaulting makes a class's policy PreemptLowerPriority when unset, as with no class at all.
        var policy = resolved?.PreemptionPolicy ?? PreemptLowerPriority;

        if (Json.Long(spec, "priority") is { } given && given != priority)
        {
            return Causes.Cause(
                "FieldValueForbidden",
                "spec.priority",
                $"the integer value of priority ({given}) must not be provided in pod spec; priority admission controller computed {priority} from the given PriorityClass name");
        }
        if (Json.Str(spec, "preemptionPolicy") is { Length: > 0 } givenPolicy && givenPolicy != policy)
        {
            return Causes.Cause(
                "FieldValueForbidden",
                "spec.preemptionPolicy",
                $"the string value of PreemptionPolicy ({givenPolicy}) must not be provided in pod spec; priority admission controller computed {policy} from the given PriorityClass name");
        }

        if (className.Length == 0 && resolved is not null)
        {
            spec["priorityClassName"] = resolved.Name;
        }
        spec["priority"] = priority;
        spec["preemptionPolicy"] = policy;
        return null;
    }
}
