using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.Api.Http;
using Orchestrator.Core.Resources;
using Orchestrator.OpenApi;

namespace Orchestrator.Api.Handlers;

/// <summary>
/// Turns a body into an object of the expected kind: apiVersion/kind filled or checked, and field validation
/// as asked (Strict fails on unknown fields, Warn answers a Warning header, Ignore drops them silently).
/// Mistyped values fail in every mode, as they do when Kubernetes decodes into its Go types.
/// </summary>
public static class BodyDecoder
{
    public static JsonObject Decode(HttpContext context, JsonObject obj, ResourceDescriptor resource, string expectedGroup, string expectedVersion, string expectedKind, Type modelType, string fieldValidation)
    {
        var expectedApiVersion = expectedGroup.Length == 0 ? expectedVersion : $"{expectedGroup}/{expectedVersion}";
        var apiVersion = obj["apiVersion"]?.ToString();
        var kind = obj["kind"]?.ToString();
        if (string.IsNullOrEmpty(apiVersion))
        {
            obj["apiVersion"] = expectedApiVersion;
        }
        else if (apiVersion != expectedApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({expectedApiVersion}) of {resource.Plural}");
        }
        if (string.IsNullOrEmpty(kind))
        {
            obj["kind"] = expectedKind;
        }
        else if (kind != expectedKind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({expectedKind}) of {resource.Plural}");
        }
        Validate(context, obj, expectedVersion, expectedKind, modelType, fieldValidation);
        return obj;
    }

    public static void Validate(HttpContext context, JsonObject obj, string version, string kind, Type modelType, string fieldValidation)
    {
        var problems = StrictDecoder.Check(obj, modelType);
        if (problems.Count == 0)
        {
            return;
        }
        if (problems.Any(p => !p.IsUnknownField) || fieldValidation == "Strict")
        {
            throw ApiException.BadRequest(StrictDecoder.ErrorMessage(kind, version, problems));
        }
        foreach (var problem in problems)
        {
            if (fieldValidation == "Warn")
            {
                context.Response.Headers.Append("Warning", $"299 - \"{problem.Message.Replace("\"", "\\\"")}\"");
            }
            Prune(obj, problem.Path);
        }
    }

    public static string FieldValidation(HttpRequest request)
    {
        var mode = request.Query["fieldValidation"].ToString();
        return mode switch
        {
            "" => "Warn",
            "Strict" or "Warn" or "Ignore" => mode,
            _ => throw ApiException.BadRequest($"fieldValidation must be one of Strict, Warn or Ignore, got \"{mode}\""),
        };
    }

    /// <summary>Removes the field at a path such as <c>spec.containers[0].foo</c>.</summary>
    private static void Prune(JsonObject root, string path)
    {
        JsonNode? node = root;
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var bracket = segment.IndexOf('[');
            var name = bracket < 0 ? segment : segment[..bracket];
            if (i == segments.Length - 1 && bracket < 0)
            {
                (node as JsonObject)?.Remove(name);
                return;
            }
            node = (node as JsonObject)?[name];
            while (bracket >= 0 && node is JsonArray array)
            {
                var close = segment.IndexOf(']', bracket);
                var index = int.Parse(segment[(bracket + 1)..close], CultureInfo.InvariantCulture);
                node = index < array.Count ? array[index] : null;
                bracket = segment.IndexOf('[', close);
            }
        }
    }
}
