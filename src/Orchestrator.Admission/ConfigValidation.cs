using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Core.Validation;

namespace Orchestrator.Admission;

/// <summary>ConfigMap and Secret rules: key formats, size limits and the `immutable: true` freeze.</summary>
internal static class ConfigValidation
{
    /// <summary>Kubernetes' MaxSecretSize, also the ConfigMap limit: 1 MiB.</summary>
    public const int MaxSize = 1024 * 1024;

    private const string FrozenWhenImmutable = "field is immutable when `immutable` is set";

    public static void ValidateConfigMap(JsonObject obj, List<V1StatusCause> errs)
    {
        MetadataValidation.ValidateCreate(obj, namespaced: true, Names.IsDns1123Subdomain, errs);
        long total = 0;
        var data = Json.Obj(obj, "data");
        foreach (var (key, value) in data ?? [])
        {
            CheckKey("data", key, errs);
            total += Encoding.UTF8.GetByteCount(Json.AsString(value) ?? "");
        }
        foreach (var (key, value) in Json.Obj(obj, "binaryData") ?? [])
        {
            CheckKey("binaryData", key, errs);
            if (data?.ContainsKey(key) == true)
            {
                errs.Add(Causes.Invalid($"binaryData[{key}]", key, "duplicate of key present in data"));
            }
            total += DecodedLength(Json.AsString(value));
        }
        if (total > MaxSize)
        {
            errs.Add(Causes.TooLong("", MaxSize));
        }
    }

    public static void ValidateSecret(JsonObject obj, List<V1StatusCause> errs)
    {
        MetadataValidation.ValidateCreate(obj, namespaced: true, Names.IsDns1123Subdomain, errs);
        long total = 0;
        foreach (var (key, value) in Json.Obj(obj, "data") ?? [])
        {
            CheckKey("data", key, errs);
            total += DecodedLength(Json.AsString(value));
        }
        if (total > MaxSize)
        {
            errs.Add(Causes.TooLong("data", MaxSize));
        }
    }

    public static void ValidateConfigMapUpdate(JsonObject obj, JsonObject old, List<V1StatusCause> errs)
    {
        if (Json.Bool(old, "immutable") == true)
        {
            FreezeImmutable(obj, errs);
            Freeze(obj, old, "data", errs);
            Freeze(obj, old, "binaryData", errs);
        }
    }

    public static void ValidateSecretUpdate(JsonObject obj, JsonObject old, List<V1StatusCause> errs)
    {
        var type = Json.Str(obj, "type") ?? "";
        if (type.Length > 0 && type != (Json.Str(old, "type") ?? ""))
        {
            errs.Add(Causes.Invalid("type", type, Causes.FieldImmutable));
        }
        if (Json.Bool(old, "immutable") == true)
        {
            FreezeImmutable(obj, errs);
            Freeze(obj, old, "data", errs);
        }
    }

    private static void FreezeImmutable(JsonObject obj, List<V1StatusCause> errs)
    {
        if (Json.Bool(obj, "immutable") != true)
        {
            errs.Add(Causes.Forbidden("immutable", FrozenWhenImmutable));
        }
    }

    private static void Freeze(JsonObject obj, JsonObject old, string field, List<V1StatusCause> errs)
    {
        // An empty map and an absent one are the same thing to Go's DeepEqual on decoded maps.
        var now = Json.Obj(obj, field) is { Count: > 0 } n ? n : null;
        var before = Json.Obj(old, field) is { Count: > 0 } b ? b : null;
        if (!Json.DeepEquals(now, before))
        {
            errs.Add(Causes.Forbidden(field, FrozenWhenImmutable));
        }
    }

    private static void CheckKey(string field, string key, List<V1StatusCause> errs)
    {
        foreach (var msg in Names.IsConfigMapKey(key))
        {
            errs.Add(Causes.Invalid($"{field}[{key}]", key, msg));
        }
    }

    private static long DecodedLength(string? base64) =>
        base64 is null ? 0 : Math.Max(0, (base64.Length * 3 / 4) - base64.Count(c => c == '='));
}
