using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using Orchestrator.Core.Schema;

namespace Orchestrator.OpenApi;

/// <summary>Checks a request body against its model type the way Kubernetes' strict JSON decoding does: unknown and mistyped fields.</summary>
public static partial class StrictDecoder
{
    private static readonly HashSet<string> EveryKindHas = ["apiVersion", "kind", "metadata"];

    // Reflection answers once per model type: the shape of each JSON property, element shapes included.
    private static readonly ConcurrentDictionary<Type, Dictionary<string, ValueShape>> Fields = new();

    /// <summary>Every unknown field and every value of the wrong JSON type in <paramref name="obj"/>, in document order.</summary>
    public static IReadOnlyList<FieldProblem> Check(JsonNode obj, Type modelType)
    {
        if (obj is not JsonObject root)
        {
            return [new("", $"json: cannot unmarshal {JsonKind(obj, modelType)} into Go value of type {GoType(modelType)}")];
        }
        // Paths are only spelled out when a problem is found: the trail keeps the steps that lead to the current value.
        var trail = new Trail();
        CheckObject(root, modelType, trail, isRoot: true);
        return trail.Problems;
    }

    /// <summary>
    /// The message of the 400 Kubernetes answers with, e.g. <c>Pod in version "v1" cannot be handled as a Pod: strict decoding
    /// error: unknown field "spec.foo"</c>; a mistyped value is reported alone, as Go's decoder stops there.
    /// </summary>
    public static string ErrorMessage(string kind, string version, IReadOnlyList<FieldProblem> problems)
    {
        var prefix = $"{kind} in version \"{version}\" cannot be handled as a {kind}: ";
        var typeError = problems.FirstOrDefault(p => !p.IsUnknownField);
        return typeError is not null
            ? prefix + typeError.Message
            : prefix + "strict decoding error: " + string.Join(", ", problems.Select(p => p.Message));
    }

    private static void CheckObject(JsonObject obj, Type modelType, Trail trail, bool isRoot = false)
    {
        var fields = FieldsOf(modelType);
        foreach (var (name, value) in obj)
        {
            if (!fields.TryGetValue(name, out var shape))
            {
                if (!(isRoot && EveryKindHas.Contains(name)))
                {
                    var fieldPath = trail.Path(name);
                    trail.Report(new(fieldPath, $"unknown field \"{fieldPath}\""));
                }
                continue;
            }
            trail.Push(Segment.Field(name, modelType));
            CheckValue(value, shape, trail);
            trail.Pop();
        }
    }

    private static void CheckValue(JsonNode? node, ValueShape shape, Trail trail)
    {
        if (node is null || shape.Kind == ShapeKind.Any)
        {
            return; // null leaves a field at its zero value, as in Go; interface{} takes anything.
        }
        var kind = node.GetValueKind();
        var fits = shape.Kind switch
        {
            ShapeKind.String => kind == JsonValueKind.String,
            ShapeKind.Bool => kind is JsonValueKind.True or JsonValueKind.False,
            ShapeKind.Integer => kind == JsonValueKind.Number && FitsInteger(node, shape.Type),
            ShapeKind.Float => kind == JsonValueKind.Number,
            ShapeKind.Time => CheckTime(node, kind, trail),
            ShapeKind.Bytes => CheckBase64(node, kind, trail),
            ShapeKind.IntOrString => kind == JsonValueKind.String || (kind == JsonValueKind.Number && FitsInteger(node, typeof(int))),
            ShapeKind.Quantity => CheckQuantity(node, kind, trail),
            ShapeKind.Map => CheckMap(node, shape.Element!, trail),
            ShapeKind.List => CheckList(node, shape.Element!, trail),
            _ => CheckStruct(node, shape.Type, trail),
        };
        if (!fits)
        {
            var (goStruct, goPath) = trail.GoField();
            trail.Report(new(trail.Path(), $"json: cannot unmarshal {JsonKind(node, shape.Type)} into Go struct field {goStruct}.{goPath} of type {GoType(shape.Type)}"));
        }
    }

    private static bool CheckMap(JsonNode node, ValueShape values, Trail trail)
    {
        if (node is not JsonObject map)
        {
            return false;
        }
        foreach (var (entry, value) in map)
        {
            trail.Push(Segment.Entry(entry));
            CheckValue(value, values, trail);
            trail.Pop();
        }
        return true;
    }

    private static bool CheckList(JsonNode node, ValueShape elements, Trail trail)
    {
        if (node is not JsonArray list)
        {
            return false;
        }
        for (var i = 0; i < list.Count; i++)
        {
            trail.Push(Segment.Item(i));
            CheckValue(list[i], elements, trail);
            trail.Pop();
        }
        return true;
    }

    private static bool CheckStruct(JsonNode node, Type type, Trail trail)
    {
        if (node is not JsonObject nested)
        {
            return false;
        }
        CheckObject(nested, type, trail);
        return true;
    }

    // Each check below answers whether the JSON type fits; a value of the right type that is still wrong is reported here.
    private static bool CheckTime(JsonNode node, JsonValueKind kind, Trail trail)
    {
        if (kind != JsonValueKind.String)
        {
            return false;
        }
        var text = node.GetValue<string>();
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            trail.Report(new(trail.Path(), $"parsing time \"{text}\" as \"2006-01-02T15:04:05Z07:00\": not an RFC 3339 time"));
        }
        return true;
    }

    private static bool CheckBase64(JsonNode node, JsonValueKind kind, Trail trail)
    {
        if (kind != JsonValueKind.String)
        {
            return false;
        }
        var text = node.GetValue<string>();
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(text.Length, 1));
        var valid = Convert.TryFromBase64String(text, buffer.AsSpan(0, text.Length), out _);
        ArrayPool<byte>.Shared.Return(buffer);
        if (!valid)
        {
            var path = trail.Path();
            trail.Report(new(path, $"illegal base64 data in field \"{path}\""));
        }
        return true;
    }

    private static bool CheckQuantity(JsonNode node, JsonValueKind kind, Trail trail)
    {
        var text = kind switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number => node.ToJsonString(),
            _ => null,
        };
        if (text is null)
        {
            return false;
        }
        if (!QuantityPattern().IsMatch(text))
        {
            trail.Report(new(trail.Path(), $"quantities must match the regular expression '{QuantityPattern()}'"));
        }
        return true;
    }

    private static Dictionary<string, ValueShape> FieldsOf(Type modelType) =>
        Fields.GetOrAdd(modelType, static t => ModelProperties.Of(t).ToDictionary(p => p.Key, p => ValueShape.Of(p.Value.PropertyType)));

    private static bool FitsInteger(JsonNode node, Type type) => type == typeof(long)
        ? node.AsValue().TryGetValue<long>(out _)
        : node.AsValue().TryGetValue<int>(out _);

    // Go's words: "string", "bool", "array", "object", and "number 1.5" when a number does not fit an integer field.
    private static string JsonKind(JsonNode node, Type target) => node.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.Number when target == typeof(int) || target == typeof(long) || target == typeof(IntOrString) => "number " + node.ToJsonString(),
        _ => "number",
    };

    private static string GoType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "string",
            _ when type == typeof(bool) => "bool",
            _ when type == typeof(int) => "int32",
            _ when type == typeof(long) => "int64",
            _ when type == typeof(double) || type == typeof(float) => "float64",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "v1.Time",
            _ when type == typeof(byte[]) => "[]uint8",
            _ when type == typeof(object) => "interface {}",
            { IsGenericType: true } when type.GetGenericArguments() is [var key, var value] && key == typeof(string) => "map[string]" + GoType(value),
            { IsGenericType: true } when type.GetGenericArguments() is [var element] => "[]" + GoType(element),
            _ => ModelTypes.GoName(type),
        };
    }

    [GeneratedRegex("^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$")]
    private static partial Regex QuantityPattern();
}
