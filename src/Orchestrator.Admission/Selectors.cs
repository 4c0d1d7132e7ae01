using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Core.Validation;

namespace Orchestrator.Admission;

/// <summary>metav1.LabelSelector: its validation, matching, and the Go String() form error messages quote.</summary>
internal static class Selectors
{
    public static void Validate(JsonObject selector, string field, List<V1StatusCause> errs)
    {
        MetadataValidation.ValidateLabels(Json.Obj(selector, "matchLabels"), field + ".matchLabels", errs);
        var i = 0;
        foreach (var expr in Json.Objects(Json.Arr(selector, "matchExpressions")))
        {
            var path = $"{field}.matchExpressions[{i++}]";
            var op = Json.Str(expr, "operator") ?? "";
            var values = Json.Arr(expr, "values");
            var count = values?.Count ?? 0;
            switch (op)
            {
                case "In" or "NotIn":
                    if (count == 0)
                    {
                        errs.Add(Causes.Required(path + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
                    }
                    break;
                case "Exists" or "DoesNotExist":
                    if (count > 0)
                    {
                        errs.Add(Causes.Forbidden(path + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    }
                    break;
                default:
                    errs.Add(Causes.Invalid(path + ".operator", op, "not a valid selector operator"));
                    break;
            }
            var key = Json.Str(expr, "key") ?? "";
            foreach (var msg in Names.IsQualifiedName(key))
            {
                errs.Add(Causes.Invalid(path + ".key", key, msg));
            }
        }
    }

    public static bool IsEmpty(JsonObject selector) =>
        (Json.Obj(selector, "matchLabels")?.Count ?? 0) + (Json.Arr(selector, "matchExpressions")?.Count ?? 0) == 0;

    public static bool Matches(JsonObject selector, JsonObject? labels)
    {
        var set = Json.StringMap(labels).ToDictionary(p => p.Key, p => p.Value);
        foreach (var (key, value) in Json.StringMap(Json.Obj(selector, "matchLabels")))
        {
            if (!set.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }
        foreach (var expr in Json.Objects(Json.Arr(selector, "matchExpressions")))
        {
            var key = Json.Str(expr, "key") ?? "";
            var values = Json.Arr(expr, "values")?.Select(Json.AsString).ToHashSet() ?? [];
            var has = set.TryGetValue(key, out var actual);
            var ok = Json.Str(expr, "operator") switch
            {
                "In" => has && values.Contains(actual),
                "NotIn" => !has || !values.Contains(actual),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The gogo-protobuf String() of *LabelSelector, which Kubernetes prints as the bad value.</summary>
    public static string GoString(JsonObject? selector)
    {
        if (selector is null)
        {
            return "nil";
        }
        var labels = string.Concat(Json.StringMap(Json.Obj(selector, "matchLabels"))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}: {p.Value},"));
        var exprs = string.Concat(Json.Objects(Json.Arr(selector, "matchExpressions")).Select(e =>
            $"LabelSelectorRequirement{{Key:{Json.Str(e, "key")},Operator:{Json.Str(e, "operator")},Values:[{string.Join(' ', Json.Arr(e, "values")?.Select(Json.AsString) ?? [])}],}},"));
        return $"&LabelSelector{{MatchLabels:map[string]string{{{labels}}},MatchExpressions:[]LabelSelectorRequirement{{{exprs}}},}}";
    }
}
