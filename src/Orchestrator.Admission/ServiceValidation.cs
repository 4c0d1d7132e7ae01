using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Core.Validation;

namespace Orchestrator.Admission;

/// <summary>core/v1 Service rules: DNS-1035 names, type, session affinity and ports.</summary>
internal static class ServiceValidation
{
    public static void Validate(JsonObject svc, List<V1StatusCause> errs)
    {
        MetadataValidation.ValidateCreate(svc, namespaced: true, Names.IsDns1035Label, errs);
        var spec = Json.Obj(svc, "spec") ?? [];
        var type = Json.Str(spec, "type") ?? "";
        ContainerValidation.NotSupportedUnlessOneOf(spec, "type", "spec", errs, "ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
        ContainerValidation.NotSupportedUnlessOneOf(spec, "sessionAffinity", "spec", errs, "ClientIP", "None");

        var ports = Json.Objects(Json.Arr(spec, "ports")).ToList();
        var headless = Json.Str(spec, "clusterIP") == "None";
        if (ports.Count == 0 && !headless && type != "ExternalName")
        {
            errs.Add(Causes.Required("spec.ports"));
        }
        HashSet<string> names = [];
        HashSet<(long, string)> seen = [];
        for (var i = 0; i < ports.Count; i++)
        {
            ValidatePort(ports[i], $"spec.ports[{i}]", ports.Count > 1, names, type, errs);
            var key = (Json.Long(ports[i], "port") ?? 0, Json.Str(ports[i], "protocol") ?? "TCP");
            if (!seen.Add(key))
            {
                errs.Add(Causes.Duplicate($"spec.ports[{i}]", $"{key.Item1}/{key.Item2}"));
            }
        }
        if (type != "ExternalName")
        {
            MetadataValidation.ValidateLabels(Json.Obj(spec, "selector"), "spec.selector", errs);
        }
    }

    /// <summary>A cluster IP, once allocated, stays (validateUpgradeDowngradeClusterIPs).</summary>
    public static void ValidateUpdate(JsonObject svc, JsonObject old, List<V1StatusCause> errs)
    {
        var now = Json.Str(Json.Obj(svc, "spec"), "clusterIP");
        var before = Json.Str(Json.Obj(old, "spec"), "clusterIP");
        if (!string.IsNullOrEmpty(now) && !string.IsNullOrEmpty(before) && now != before)
        {
            errs.Add(Causes.InvalidRendered("spec.clusterIPs[0]", $"[]string{{{Causes.Quote(now)}}}", "may not change once set"));
        }
    }

    private static void ValidatePort(JsonObject port, string path, bool requireName, HashSet<string> names, string type, List<V1StatusCause> errs)
    {
        var name = Json.Str(port, "name") ?? "";
        if (requireName && name.Length == 0)
        {
            errs.Add(Causes.Required(path + ".name"));
        }
        else if (name.Length > 0)
        {
            foreach (var msg in Names.IsDns1123Label(name))
            {
                errs.Add(Causes.Invalid(path + ".name", name, msg));
            }
            if (!names.Add(name))
            {
                errs.Add(Causes.Duplicate(path + ".name", name));
            }
        }
        var number = Json.Long(port, "port") ?? 0;
        foreach (var msg in Names.IsValidPortNum(number))
        {
            errs.Add(Causes.Invalid(path + ".port", number, msg));
        }
        ContainerValidation.NotSupportedUnlessOneOf(port, "protocol", path, errs, "SCTP", "TCP", "UDP");

        var target = port["targetPort"];
        if (Json.AsLong(target) is { } targetNumber)
        {
            foreach (var msg in Names.IsValidPortNum(targetNumber))
            {
                errs.Add(Causes.Invalid(path + ".targetPort", targetNumber, msg));
            }
        }
        else if (Json.AsString(target) is { Length: > 0 } targetName)
        {
            foreach (var msg in Names.IsValidPortName(targetName))
            {
                errs.Add(Causes.Invalid(path + ".targetPort", targetName, msg));
            }
        }

        if (Json.Long(port, "nodePort") is { } nodePort and not 0)
        {
            if (type == "ClusterIP" || type.Length == 0)
            {
                errs.Add(Causes.Forbidden(path + ".nodePort", "may not be used when `type` is 'ClusterIP'"));
            }
            else
            {
                foreach (var msg in Names.IsValidPortNum(nodePort))
                {
                    errs.Add(Causes.Invalid(path + ".nodePort", nodePort.ToString(CultureInfo.InvariantCulture), msg));
                }
            }
        }
    }
}
