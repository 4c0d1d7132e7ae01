using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Core.Validation;

namespace Orchestrator.Admission;

/// <summary>Per-container rules from core validation: names, image, ports, resources and the enumerated policies.</summary>
internal static class ContainerValidation
{
    public static void Validate(JsonObject container, string path, HashSet<string> allNames, HashSet<string> volumes, List<V1StatusCause> errs)
    {
        var name = Json.Str(container, "name") ?? "";
        if (name.Length == 0)
        {
            errs.Add(Causes.Required(path + ".name"));
        }
        else
        {
            foreach (var msg in Names.IsDns1123Label(name))
            {
                errs.Add(Causes.Invalid(path + ".name", name, msg));
            }
            if (!allNames.Add(name))
            {
                errs.Add(Causes.Duplicate(path + ".name", name));
            }
        }

        var image = Json.Str(container, "image") ?? "";
        if (image.Length == 0)
        {
            errs.Add(Causes.Required(path + ".image"));
        }
        else if (image.Trim() != image)
        {
            errs.Add(Causes.Invalid(path + ".image", image, "must not have leading or trailing whitespace"));
        }

        // Empty enumerations are filled by defaulting before validation runs, so only a wrong value is reported.
        NotSupportedUnlessOneOf(container, "imagePullPolicy", path, errs, "Always", "IfNotPresent", "Never");
        NotSupportedUnlessOneOf(container, "terminationMessagePolicy", path, errs, "File", "FallbackToLogsOnError");

        ValidatePorts(Json.Arr(container, "ports"), path + ".ports", errs);
        ValidateResources(Json.Obj(container, "resources"), path + ".resources", errs);

        var m = 0;
        foreach (var mount in Json.Objects(Json.Arr(container, "volumeMounts")))
        {
            var mountPath = $"{path}.volumeMounts[{m++}]";
            var volume = Json.Str(mount, "name") ?? "";
            if (volume.Length == 0)
            {
                errs.Add(Causes.Required(mountPath + ".name"));
            }
            else if (!volumes.Contains(volume))
            {
                errs.Add(Causes.Cause("FieldValueNotFound", mountPath + ".name", "Not found: " + Causes.Quote(volume)));
            }
            if (string.IsNullOrEmpty(Json.Str(mount, "mountPath")))
            {
                errs.Add(Causes.Required(mountPath + ".mountPath"));
            }
        }
    }

    public static void NotSupportedUnlessOneOf(JsonObject parent, string name, string path, List<V1StatusCause> errs, params string[] allowed)
    {
        var value = Json.Str(parent, name);
        if (!string.IsNullOrEmpty(value) && !allowed.Contains(value))
        {
            errs.Add(Causes.NotSupported(path.Length == 0 ? name : path + "." + name, value, allowed));
        }
    }

    private static void ValidatePorts(JsonArray? ports, string path, List<V1StatusCause> errs)
    {
        HashSet<string> names = [];
        var i = 0;
        foreach (var port in Json.Objects(ports))
        {
            var p = $"{path}[{i++}]";
            var name = Json.Str(port, "name") ?? "";
            if (name.Length > 0)
            {
                foreach (var msg in Names.IsValidPortName(name))
                {
                    errs.Add(Causes.Invalid(p + ".name", name, msg));
                }
                if (!names.Add(name))
                {
                    errs.Add(Causes.Duplicate(p + ".name", name));
                }
            }
            var containerPort = Json.Long(port, "containerPort") ?? 0;
            if (containerPort == 0)
            {
                errs.Add(Causes.Required(p + ".containerPort"));
            }
            else
            {
                foreach (var msg in Names.IsValidPortNum(containerPort))
                {
                    errs.Add(Causes.Invalid(p + ".containerPort", containerPort, msg));
                }
            }
            var hostPort = Json.Long(port, "hostPort") ?? 0;
            if (hostPort != 0)
            {
                foreach (var msg in Names.IsValidPortNum(hostPort))
                {
                    errs.Add(Causes.Invalid(p + ".hostPort", hostPort, msg));
                }
            }
            NotSupportedUnlessOneOf(port, "protocol", p, errs, "SCTP", "TCP", "UDP");
        }
    }

    private static void ValidateResources(JsonObject? resources, string path, List<V1StatusCause> errs)
    {
        Dictionary<string, ResourceQuantity> limits = [];
        foreach (var (name, node) in Json.Obj(resources, "limits") ?? [])
        {
            if (CheckQuantity(node, $"{path}.limits[{name}]", errs) is { } q)
            {
                limits[name] = q;
            }
        }
        foreach (var (name, node) in Json.Obj(resources, "requests") ?? [])
        {
            if (CheckQuantity(node, $"{path}.requests[{name}]", errs) is { } q
                && limits.TryGetValue(name, out var limit) && q.ToDecimal() > limit.ToDecimal())
            {
                // Kubernetes reports this on the requests map itself, not the keyed entry.
                errs.Add(Causes.Invalid(
                    path + ".requests",
                    q.CanonicalizeString(),
                    $"must be less than or equal to {name} limit of {limit.CanonicalizeString()}"));
            }
        }
    }

    private static ResourceQuantity? CheckQuantity(JsonNode? node, string field, List<V1StatusCause> errs)
    {
        var q = Quantities.Parse(node);
        var raw = Json.AsString(node) ?? node?.ToJsonString() ?? "";
        if (q is null)
        {
            errs.Add(Causes.Invalid(field, raw, Quantities.FormatWrong));
            return null;
        }
        if (q.ToDecimal() < 0)
        {
            errs.Add(Causes.Invalid(field, Quantities.Canonical(q, raw), "must be greater than or equal to 0"));
            return null;
        }
        return q;
    }
}
