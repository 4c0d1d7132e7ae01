using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Core.Validation;

namespace Orchestrator.Admission;

/// <summary>Pod and pod-template rules from core validation (ValidatePodSpec and friends).</summary>
internal static class PodValidation
{
    public static void ValidatePod(JsonObject pod, List<V1StatusCause> errs)
    {
        MetadataValidation.ValidateCreate(pod, namespaced: true, Names.IsDns1123Subdomain, errs);
        ValidateSpec(Json.Obj(pod, "spec"), "spec", errs);
    }

    /// <summary>A template's labels and annotations, then its spec (used by Deployment and ReplicaSet).</summary>
    public static void ValidateTemplate(JsonObject template, string path, List<V1StatusCause> errs)
    {
        var meta = Json.Obj(template, "metadata");
        MetadataValidation.ValidateLabels(Json.Obj(meta, "labels"), path + ".metadata.labels", errs);
        MetadataValidation.ValidateAnnotations(Json.Obj(meta, "annotations"), path + ".metadata.annotations", errs);
        ValidateSpec(Json.Obj(template, "spec"), path + ".spec", errs);
    }

    public static void ValidateSpec(JsonObject? spec, string path, List<V1StatusCause> errs)
    {
        var volumes = ValidateVolumes(Json.Arr(spec, "volumes"), path + ".volumes", errs);
        HashSet<string> names = [];
        var containers = Json.Arr(spec, "containers");
        if (containers is null || containers.Count == 0)
        {
            errs.Add(Causes.Required(path + ".containers"));
        }
        // Init containers come first in Kubernetes' walk, so a clash is reported on the regular container.
        var i = 0;
        foreach (var c in Json.Objects(Json.Arr(spec, "initContainers")))
        {
            ContainerValidation.Validate(c, $"{path}.initContainers[{i++}]", names, volumes, errs);
        }
        i = 0;
        foreach (var c in Json.Objects(containers))
        {
            ContainerValidation.Validate(c, $"{path}.containers[{i++}]", names, volumes, errs);
        }

        if (spec is not null)
        {
            ContainerValidation.NotSupportedUnlessOneOf(spec, "restartPolicy", path, errs, "Always", "OnFailure", "Never");
            ContainerValidation.NotSupportedUnlessOneOf(spec, "dnsPolicy", path, errs, "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
            ContainerValidation.NotSupportedUnlessOneOf(spec, "preemptionPolicy", path, errs, "PreemptLowerPriority", "Never");
        }
        if (Json.Long(spec, "activeDeadlineSeconds") is { } deadline && deadline is < 1 or > int.MaxValue)
        {
            errs.Add(Causes.Invalid(path + ".activeDeadlineSeconds", deadline, $"must be between 1 and {int.MaxValue}, inclusive"));
        }
        MetadataValidation.ValidateLabels(Json.Obj(spec, "nodeSelector"), path + ".nodeSelector", errs);
        ValidateTolerations(Json.Arr(spec, "tolerations"), path + ".tolerations", errs);
    }

    public static void ValidateTolerations(JsonArray? tolerations, string path, List<V1StatusCause> errs)
    {
        var i = 0;
        foreach (var t in Json.Objects(tolerations))
        {
            var p = $"{path}[{i++}]";
            var key = Json.Str(t, "key") ?? "";
            if (key.Length > 0)
            {
                foreach (var msg in Names.IsQualifiedName(key))
                {
                    errs.Add(Causes.Invalid(p + ".key", key, msg));
                }
            }
            var op = Json.Str(t, "operator") ?? "";
            if (key.Length == 0 && op != "Exists")
            {
                errs.Add(Causes.Invalid(p + ".operator", op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
            var effect = Json.Str(t, "effect") ?? "";
            if (Json.Long(t, "tolerationSeconds") is not null && effect != "NoExecute")
            {
                errs.Add(Causes.Invalid(p + ".effect", effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }
            var value = Json.Str(t, "value") ?? "";
            switch (op)
            {
                case "" or "Equal":
                    if (Names.IsLabelValue(value) is { Count: > 0 } valueErrs)
                    {
                        errs.Add(Causes.Invalid(p + ".operator", value, string.Join(";", valueErrs)));
                    }
                    break;
                case "Exists":
                    if (value.Length > 0)
                    {
                        errs.Add(Causes.Invalid(p + ".operator", t.ToJsonString(), "value must be empty when `operator` is 'Exists'"));
                    }
                    break;
                default:
                    errs.Add(Causes.NotSupported(p + ".operator", op, "Equal", "Exists"));
                    break;
            }
            if (effect.Length > 0 && effect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
            {
                errs.Add(Causes.NotSupported(p + ".effect", effect, "NoSchedule", "PreferNoSchedule", "NoExecute"));
            }
        }
    }

    private static HashSet<string> ValidateVolumes(JsonArray? volumes, string path, List<V1StatusCause> errs)
    {
        HashSet<string> names = [];
        var i = 0;
        foreach (var v in Json.Objects(volumes))
        {
            var p = $"{path}[{i++}].name";
            var name = Json.Str(v, "name") ?? "";
            if (name.Length == 0)
            {
                errs.Add(Causes.Required(p));
                continue;
            }
            foreach (var msg in Names.IsDns1123Label(name))
            {
                errs.Add(Causes.Invalid(p, name, msg));
            }
            if (!names.Add(name))
            {
                errs.Add(Causes.Duplicate(p, name));
            }
        }
        return names;
    }
}
