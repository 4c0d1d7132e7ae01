using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Core.Validation;

namespace Orchestrator.Admission;

/// <summary>apimachinery's ObjectMeta rules: names, namespace, labels, annotations and the update-time immutables.</summary>
internal static class MetadataValidation
{
    /// <summary>Kubernetes' TotalAnnotationSizeLimitB: 256 KiB across all keys and values.</summary>
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    public static void ValidateCreate(JsonObject obj, bool namespaced, Func<string, List<string>> nameRule, List<V1StatusCause> errs)
    {
        var meta = Json.Obj(obj, "metadata");
        var name = Json.Str(meta, "name") ?? "";
        var generateName = Json.Str(meta, "generateName") ?? "";
        if (generateName.Length > 0)
        {
            // A prefix may end in '-'; Kubernetes masks that before checking the name format.
            var masked = generateName.EndsWith('-') ? generateName[..^1] + "a" : generateName;
            foreach (var msg in nameRule(masked))
            {
                errs.Add(Causes.Invalid("metadata.generateName", generateName, msg));
            }
        }
        if (name.Length == 0)
        {
            errs.Add(Causes.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            foreach (var msg in nameRule(name))
            {
                errs.Add(Causes.Invalid("metadata.name", name, msg));
            }
        }

        var ns = Json.Str(meta, "namespace") ?? "";
        if (namespaced)
        {
            if (ns.Length == 0)
            {
                errs.Add(Causes.Required("metadata.namespace"));
            }
            else
            {
                foreach (var msg in Names.IsDns1123Label(ns))
                {
                    errs.Add(Causes.Invalid("metadata.namespace", ns, msg));
                }
            }
        }
        else if (ns.Length > 0)
        {
            errs.Add(Causes.Forbidden("metadata.namespace", "not allowed on this type"));
        }

        ValidateLabels(Json.Obj(meta, "labels"), "metadata.labels", errs);
        ValidateAnnotations(Json.Obj(meta, "annotations"), "metadata.annotations", errs);
    }

    public static void ValidateLabels(JsonObject? labels, string field, List<V1StatusCause> errs)
    {
        foreach (var (key, value) in Json.StringMap(labels))
        {
            foreach (var msg in Names.IsQualifiedName(key))
            {
                errs.Add(Causes.Invalid(field, key, msg));
            }
            foreach (var msg in Names.IsLabelValue(value))
            {
                errs.Add(Causes.Invalid(field, value, msg));
            }
        }
    }

    public static void ValidateAnnotations(JsonObject? annotations, string field, List<V1StatusCause> errs)
    {
        long total = 0;
        foreach (var (key, value) in Json.StringMap(annotations))
        {
            foreach (var msg in Names.IsQualifiedName(key.ToLowerInvariant()))
            {
                errs.Add(Causes.Invalid(field, key, msg));
            }
            total += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }
        if (total > TotalAnnotationSizeLimit)
        {
            errs.Add(Causes.TooLong(field, TotalAnnotationSizeLimit));
        }
    }

    /// <summary>
    /// Name, namespace, uid and creationTimestamp may not change. A field absent from the new object is
    /// treated as unchanged, because the API layer carries system fields over from the stored object.
    /// </summary>
    public static void ValidateUpdate(JsonObject obj, JsonObject old, List<V1StatusCause> errs)
    {
        var meta = Json.Obj(obj, "metadata");
        var oldMeta = Json.Obj(old, "metadata");
        foreach (var field in (string[])["name", "namespace", "uid"])
        {
            var now = Json.Str(meta, field);
            var before = Json.Str(oldMeta, field) ?? "";
            if (!string.IsNullOrEmpty(now) && now != before)
            {
                errs.Add(Causes.Invalid("metadata." + field, now, Causes.FieldImmutable));
            }
        }
        var created = Json.Str(meta, "creationTimestamp");
        var oldCreated = Json.Str(oldMeta, "creationTimestamp");
        if (!string.IsNullOrEmpty(created) && created != oldCreated)
        {
            errs.Add(Causes.InvalidRendered("metadata.creationTimestamp", GoTime(created), Causes.FieldImmutable));
        }
    }

    /// <summary>metav1.Time prints through Go's time.String: "2006-01-02 15:04:05 +0000 UTC".</summary>
    private static string GoTime(string rfc3339) =>
        DateTimeOffset.TryParse(rfc3339, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " +0000 UTC"
            : rfc3339;
}
