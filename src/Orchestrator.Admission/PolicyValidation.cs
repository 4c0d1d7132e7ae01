using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Core.Validation;

namespace Orchestrator.Admission;

/// <summary>The smaller kinds: PodDisruptionBudget, PriorityClass, Binding and Lease.</summary>
internal static class PolicyValidation
{
    /// <summary>scheduling.HighestUserDefinablePriority.</summary>
    public const int HighestUserDefinablePriority = 1_000_000_000;

    public static void ValidatePdb(JsonObject obj, List<V1StatusCause> errs)
    {
        MetadataValidation.ValidateCreate(obj, namespaced: true, Names.IsDns1123Subdomain, errs);
        var spec = Json.Obj(obj, "spec");
        var minAvailable = spec?["minAvailable"];
        var maxUnavailable = spec?["maxUnavailable"];
        if (minAvailable is not null && maxUnavailable is not null)
        {
            errs.Add(Causes.InvalidRendered("spec.minAvailable", IntOrPercent.Render(minAvailable), "minAvailable and maxUnavailable cannot be both set"));
        }
        foreach (var (node, field) in new[] { (minAvailable, "spec.minAvailable"), (maxUnavailable, "spec.maxUnavailable") })
        {
            if (node is not null)
            {
                IntOrPercent.ValidatePositive(node, field, errs);
                IntOrPercent.ValidateNotMoreThan100Percent(node, field, errs);
            }
        }
        if (Json.Obj(spec, "selector") is { } selector)
        {
            Selectors.Validate(selector, "spec.selector", errs);
        }
        if (spec is not null)
        {
            ContainerValidation.NotSupportedUnlessOneOf(spec, "unhealthyPodEvictionPolicy", "spec", errs, "AlwaysAllow", "IfHealthyBudget");
        }
    }

    public static void ValidatePriorityClass(JsonObject obj, List<V1StatusCause> errs)
    {
        MetadataValidation.ValidateCreate(obj, namespaced: false, Names.IsDns1123Subdomain, errs);
        var name = Json.Str(Json.Obj(obj, "metadata"), "name") ?? "";
        var value = Json.Long(obj, "value") ?? 0;
        if (name.StartsWith("system-", StringComparison.Ordinal))
        {
            if (KnownSystemClassError(name, value, Json.Bool(obj, "globalDefault") ?? false) is { } error)
            {
                errs.Add(Causes.Forbidden("metadata.name", "priority class names with 'system-' prefix are reserved for system use only. error: " + error));
            }
        }
        else if (value > HighestUserDefinablePriority)
        {
            errs.Add(Causes.Forbidden("value", $"maximum allowed value of a user defined priority is {HighestUserDefinablePriority}"));
        }
        ContainerValidation.NotSupportedUnlessOneOf(obj, "preemptionPolicy", "", errs, "PreemptLowerPriority", "Never");
    }

    public static void ValidatePriorityClassUpdate(JsonObject obj, JsonObject old, List<V1StatusCause> errs)
    {
        if (Json.Long(obj, "value") != Json.Long(old, "value"))
        {
            errs.Add(Causes.Forbidden("value", "may not be changed in an update."));
        }
        var policy = Json.Str(obj, "preemptionPolicy");
        if (policy is not null && policy != Json.Str(old, "preemptionPolicy"))
        {
            errs.Add(Causes.Invalid("preemptionPolicy", policy, Causes.FieldImmutable));
        }
    }

    public static void ValidateBinding(JsonObject obj, List<V1StatusCause> errs)
    {
        var target = Json.Obj(obj, "target");
        var kind = Json.Str(target, "kind") ?? "";
        if (kind.Length > 0 && kind != "Node")
        {
            errs.Add(Causes.NotSupported("target.kind", kind, "Node", "<empty>"));
        }
        if (string.IsNullOrEmpty(Json.Str(target, "name")))
        {
            errs.Add(Causes.Required("target.name"));
        }
    }

    public static void ValidateLease(JsonObject obj, List<V1StatusCause> errs)
    {
        MetadataValidation.ValidateCreate(obj, namespaced: true, Names.IsDns1123Subdomain, errs);
        var spec = Json.Obj(obj, "spec");
        if (Json.Long(spec, "leaseDurationSeconds") is { } duration && duration <= 0)
        {
            errs.Add(Causes.Invalid("spec.leaseDurationSeconds", duration, "must be greater than 0"));
        }
        if (Json.Long(spec, "leaseTransitions") is { } transitions && transitions < 0)
        {
            errs.Add(Causes.Invalid("spec.leaseTransitions", transitions, "must be greater than or equal to 0"));
        }
    }

    private static string? KnownSystemClassError(string name, long value, bool globalDefault)
    {
        foreach (var builtIn in PriorityResolver.BuiltIns)
        {
            if (builtIn.Name == name)
            {
                if (builtIn.Value != value)
                {
                    return $"value of {name} PriorityClass must be {builtIn.Value}";
                }
                return globalDefault ? $"globalDefault of {name} PriorityClass must be false" : null;
            }
        }
        return $"{name} is not a known system priority class";
    }
}
