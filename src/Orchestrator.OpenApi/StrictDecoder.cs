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

    /// <summary>Every unknown field and every value of the wrong JSON type in <paramref name="obj"/>, in document order.</summary>
    public static IReadOnlyList<FieldProblem> Check(JsonNode obj, Type modelType)
    {
        var problems = new List<FieldProblem>();
        if (obj is JsonObject root)
        {
            CheckObject(root, modelType, "", "", problems, isRoot: true);
        }
        else
        {
            problems.Add(new("", $"json: cannot unmarshal {JsonKind(obj, modelType)} into Go value of type {GoType(modelType)}"));
        }
        return problems;
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

    private static void CheckObject(JsonObject obj, Type modelType, string path, string goPath, List<FieldProblem> problems, bool isRoot = false)
    {
        var properties = ModelProperties.Of(modelType);
        foreach (var (name, value) in obj)
        {
            var fieldPath = path.Length == 0 ? name : $"{path}.{name}";
            if (!properties.TryGetValue(name, out var property))
            {
                if (!(isRoot && EveryKindHas.Contains(name)))
                {
                    problems.Add(new(fieldPath, $"unknown field \"{fieldPath}\""));
                }
                continue;
            }
            var goFieldPath = goPath.Length == 0 ? name : $"{goPath}.{name}";
            CheckValue(value, property.PropertyType, fieldPath, ModelTypes.ShortName(modelType), goFieldPath, problems);
        }
    }

    private static void CheckValue(JsonNode? node, Type type, string path, string goStruct, string goPath, List<FieldProblem> problems)
    {
        if (node is null)
        {
            return; // null leaves a field at its zero value, as in Go.
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        var kind = node.GetValueKind();
        void Mistyped() => problems.Add(new(path, $"json: cannot unmarshal {JsonKind(node, type)} into Go struct field {goStruct}.{goPath} of type {GoType(type)}"));

        if (type == typeof(object))
        {
            return;
        }
        if (type == typeof(string))
        {
            if (kind != JsonValueKind.String)
            {
                Mistyped();
            }
        }
        else if (type == typeof(bool))
        {
            if (kind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Mistyped();
            }
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            if (kind != JsonValueKind.Number || !FitsInteger(node, type))
            {
                Mistyped();
            }
        }
        else if (type == typeof(double) || type == typeof(float))
        {
            if (kind != JsonValueKind.Number)
            {
                Mistyped();
            }
        }
        else if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            CheckTime(node, kind, path, Mistyped, problems);
        }
        else if (type == typeof(byte[]))
        {
            CheckBase64(node, kind, path, Mistyped, problems);
        }
        else if (type == typeof(IntOrString))
        {
            if (kind != JsonValueKind.String && !(kind == JsonValueKind.Number && FitsInteger(node, typeof(int))))
            {
                Mistyped();
            }
        }
        else if (type == typeof(ResourceQuantity))
        {
            CheckQuantity(node, kind, path, Mistyped, problems);
        }
        else if (type.IsGenericType && type.GetGenericArguments() is [var key, var valueType] && key == typeof(string))
        {
            if (node is not JsonObject map)
            {
                Mistyped();
                return;
            }
            foreach (var (entry, value) in map)
            {
                CheckValue(value, valueType, $"{path}.{entry}", goStruct, goPath, problems);
            }
        }
        else if (type.IsGenericType && type.GetGenericArguments() is [var element])
        {
            if (node is not JsonArray list)
            {
                Mistyped();
                return;
            }
            for (var i = 0; i < list.Count; i++)
            {
                CheckValue(list[i], element, $"{path}[{i}]", goStruct, goPath, problems);
            }
        }
        else if (node is JsonObject nested)
        {
            CheckObject(nested, type, path, goPath, problems);
        }
        else
        {
            Mistyped();
        }
    }

    private static void CheckTime(JsonNode node, JsonValueKind kind, string path, Action mistyped, List<FieldProblem> problems)
    {
        if (kind != JsonValueKind.String)
        {
            mistyped();
        }
        else if (!DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            problems.Add(new(path, $"parsing time \"{node.GetValue<string>()}\" as \"2006-01-02T15:04:05Z07:00\": not an RFC 3339 time"));
        }
    }

    private static void CheckBase64(JsonNode node, JsonValueKind kind, string path, Action mistyped, List<FieldProblem> problems)
    {
        if (kind != JsonValueKind.String)
        {
            mistyped();
            return;
        }
        var text = node.GetValue<string>();
        if (!Convert.TryFromBase64String(text, new byte[text.Length], out _))
        {
            problems.Add(new(path, $"illegal base64 data in field \"{path}\""));
        }
    }

    private static void CheckQuantity(JsonNode node, JsonValueKind kind, string path, Action mistyped, List<FieldProblem> problems)
    {
        var text = kind switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number => node.ToJsonString(),
            _ => null,
        };
        if (text is null)
        {
            mistyped();
        }
        else if (!QuantityPattern().IsMatch(text))
        {
            problems.Add(new(path, $"quantities must match the regular expression '{QuantityPattern()}'"));
        }
    }

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
