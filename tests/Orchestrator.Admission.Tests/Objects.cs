using System.Text.Json.Nodes;
using Orchestrator.Core.Resources;

namespace Orchestrator.Admission.Tests;

/// <summary>Resource descriptors and small valid objects the tests start from.</summary>
internal static class Objects
{
    public static ResourceDescriptor Kind(string kind, string group = "") =>
        ResourceRegistry.BuiltIn.All.First(r => r.Kind == kind && r.Group == group);

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonObject Pod(string name = "web", string container = """{"name":"app","image":"nginx:1.27"}""") =>
        Parse($$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"default"},"spec":{"containers":[{{{container}}}]}}""");

    public static JsonObject Deployment(string selector = """{"matchLabels":{"app":"web"}}""", string labels = """{"app":"web"}""") =>
        Parse(
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},"spec":{"selector":"""
            + selector + ""","template":{"metadata":{"labels":""" + labels
            + """},"spec":{"containers":[{"name":"app","image":"nginx"}]}}}}""");

    /// <summary>Defaults then validates, the order the API server runs them in.</summary>
    public static IReadOnlyList<k8s.Models.V1StatusCause> Create(ResourceDescriptor r, JsonObject obj)
    {
        Defaulter.Apply(r, obj);
        return Validator.ValidateCreate(r, obj);
    }

    public static IEnumerable<string> Render(IEnumerable<k8s.Models.V1StatusCause> causes) =>
        causes.Select(c => $"{c.Reason} {c.Field}: {c.Message}");
}
