using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Orchestrator.Admission;

/// <summary>ValidatePodUpdate: a running pod's spec is frozen except for a few fields Kubernetes lets through.</summary>
internal static class PodUpdateValidation
{
    public const string SpecFrozen =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    public static void Validate(JsonObject pod, JsonObject old, List<V1StatusCause> errs)
    {
        MetadataValidation.ValidateUpdate(pod, old, errs);
        PodValidation.ValidatePod(pod, errs);

        var spec = Json.Obj(pod, "spec") ?? [];
        var oldSpec = Json.Obj(old, "spec") ?? [];
        if ((Json.Arr(spec, "containers")?.Count ?? 0) != (Json.Arr(oldSpec, "containers")?.Count ?? 0))
        {
            errs.Add(Causes.Forbidden("spec.containers", "pod updates may not add or remove containers"));
            return;
        }
        if ((Json.Arr(spec, "initContainers")?.Count ?? 0) != (Json.Arr(oldSpec, "initContainers")?.Count ?? 0))
        {
            errs.Add(Causes.Forbidden("spec.initContainers", "pod updates may not add or remove containers"));
            return;
        }
        if (!ValidateActiveDeadline(Json.Long(spec, "activeDeadlineSeconds"), Json.Long(oldSpec, "activeDeadlineSeconds"), errs))
        {
            return;
        }
        ValidateOnlyAddedTolerations(Json.Arr(spec, "tolerations"), Json.Arr(oldSpec, "tolerations"), errs);

        // Copy the mutable fields from the old spec, then anything still different is a forbidden change.
        var munged = (JsonObject)spec.DeepClone();
        CopyImages(munged, oldSpec, "containers");
        CopyImages(munged, oldSpec, "initContainers");
        CopyField(munged, oldSpec, "activeDeadlineSeconds");
        CopyField(munged, oldSpec, "tolerations");
        if (Json.Long(oldSpec, "terminationGracePeriodSeconds") is < 0 && Json.Long(spec, "terminationGracePeriodSeconds") == 1)
        {
            CopyField(munged, oldSpec, "terminationGracePeriodSeconds");
        }
        if (!Json.DeepEquals(munged, oldSpec))
        {
            var diff = new StringBuilder();
            Diff("spec", oldSpec, munged, diff);
            errs.Add(Causes.Forbidden("spec", SpecFrozen + "\n" + diff.ToString().TrimEnd('\n')));
        }
    }

    private static bool ValidateActiveDeadline(long? now, long? before, List<V1StatusCause> errs)
    {
        const string field = "spec.activeDeadlineSeconds";
        if (now is { } n)
        {
            if (n is < 0 or > int.MaxValue)
            {
                errs.Add(Causes.Invalid(field, n, $"must be between 0 and {int.MaxValue}, inclusive"));
                return false;
            }
            if (before is { } b && b < n)
            {
                errs.Add(Causes.Invalid(field, n, "must be less than or equal to previous value"));
                return false;
            }
        }
        else if (before is not null)
        {
            errs.Add(Causes.InvalidRendered(field, "null", "must not update from a positive integer to nil value"));
        }
        return true;
    }

    private static void ValidateOnlyAddedTolerations(JsonArray? now, JsonArray? before, List<V1StatusCause> errs)
    {
        var added = Json.Objects(now).ToList();
        foreach (var old in Json.Objects(before))
        {
            // tolerationSeconds may change; every other part of an existing toleration must survive.
            var found = added.Any(n =>
            {
                var probe = (JsonObject)old.DeepClone();
                CopyField(probe, n, "tolerationSeconds");
                return Json.DeepEquals(probe, n);
            });
            if (!found)
            {
                errs.Add(Causes.Forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"));
                return;
            }
        }
    }

    private static void CopyImages(JsonObject munged, JsonObject oldSpec, string list)
    {
        var now = Json.Objects(Json.Arr(munged, list)).ToList();
        var before = Json.Objects(Json.Arr(oldSpec, list)).ToList();
        for (var i = 0; i < Math.Min(now.Count, before.Count); i++)
        {
            CopyField(now[i], before[i], "image");
        }
    }

    private static void CopyField(JsonObject target, JsonObject source, string name)
    {
        if (source[name] is { } value)
        {
            target[name] = value.DeepClone();
        }
        else
        {
            target.Remove(name);
        }
    }

    /// <summary>A short field-by-field diff standing in for the cmp.Diff Kubernetes appends.</summary>
    private static void Diff(string path, JsonNode? before, JsonNode? after, StringBuilder sb)
    {
        if (Json.DeepEquals(before, after))
        {
            return;
        }
        if (before is JsonObject bo && after is JsonObject ao)
        {
            foreach (var key in bo.Select(p => p.Key).Union(ao.Select(p => p.Key)))
            {
                Diff($"{path}.{key}", bo[key], ao[key], sb);
            }
            return;
        }
        if (before is JsonArray ba && after is JsonArray aa && ba.Count == aa.Count)
        {
            for (var i = 0; i < ba.Count; i++)
            {
                Diff($"{path}[{i}]", ba[i], aa[i], sb);
            }
            return;
        }
        sb.Append("- ").Append(path).Append(": ").Append(before?.ToJsonString() ?? "null").Append('\n');
        sb.Append("+ ").Append(path).Append(": ").Append(after?.ToJsonString() ?? "null").Append('\n');
    }
}
