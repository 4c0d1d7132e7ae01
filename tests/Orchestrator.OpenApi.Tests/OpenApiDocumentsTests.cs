using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Orchestrator.Core.Resources;

namespace Orchestrator.OpenApi.Tests;

public class OpenApiDocumentsTests
{
    private static readonly OpenApiDocuments Documents = new(ResourceRegistry.BuiltIn);

    private static JsonObject Parse(string groupVersionPath) =>
        JsonNode.Parse(Documents.Document(groupVersionPath)!)!.AsObject();

    // What cli-runtime's supportsQueryParamV3 does: the first PATCH operation (in Go's random map order) whose
    // x-kubernetes-group-version-kind is the kind decides, so every such operation must carry the parameter.
    private static IEnumerable<JsonObject> PatchOperationsOf(JsonObject document, string group, string version, string kind) =>
        document["paths"]!.AsObject()
            .Select(p => p.Value!["patch"])
            .OfType<JsonObject>()
            .Where(op => op["x-kubernetes-group-version-kind"] is JsonObject gvk
                && (string?)gvk["group"] == group && (string?)gvk["version"] == version && (string?)gvk["kind"] == kind);

    private static IEnumerable<string> ParameterNames(JsonObject operation) =>
        operation["parameters"]!.AsArray().Select(p => (string)p!["name"]!);

    [Fact]
    public void TheIndexListsEveryGroupVersionOfTheRegistry()
    {
        var paths = Documents.Index()["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Equal(
            ResourceRegistry.BuiltIn.GroupVersions.Select(gv => gv.Group.Length == 0 ? $"api/{gv.Version}" : $"apis/{gv.Group}/{gv.Version}"),
            paths);
        Assert.Contains("api/v1", paths);
        Assert.Contains("apis/apps/v1", paths);
        Assert.Contains("apis/policy/v1", paths);
    }

    [Fact]
    public void EachIndexEntryNamesItsDocumentByHash()
    {
        var entry = Documents.Index()["paths"]!["apis/apps/v1"]!;

        Assert.Equal($"/openapi/v3/apis/apps/v1?hash={Documents.Hash("apis/apps/v1")}", (string?)entry["serverRelativeURL"]);
    }

    [Fact]
    public void TheHashIsTheSha512OfTheCachedDocument()
    {
        var body = Documents.Document("api/v1")!;

        Assert.Same(body, Documents.Document("/api/v1"));
        Assert.Equal(Convert.ToHexString(SHA512.HashData(body)), Documents.Hash("api/v1"));
        Assert.Equal(Documents.Hash("api/v1"), new OpenApiDocuments(ResourceRegistry.BuiltIn).Hash("api/v1"));
    }

    [Fact]
    public void AGroupVersionThatIsNotServedHasNoDocument()
    {
        Assert.Null(Documents.Document("apis/example.com/v1"));
        Assert.Null(Documents.Hash("apis/example.com/v1"));
    }

    [Fact]
    public void ThePodsPatchOperationsListFieldValidationWhereKubectlLooks()
    {
        var patches = PatchOperationsOf(Parse("api/v1"), "", "v1", "Pod").ToList();

        Assert.Equal(2, patches.Count); // the pod and its status
        Assert.All(patches, op => Assert.Contains("fieldValidation", ParameterNames(op)));
    }

    [Fact]
    public void EveryPatchableKindLetsTheServerValidateFields()
    {
        foreach (var r in ResourceRegistry.BuiltIn.All.Where(r => r.Verbs.Contains("patch")))
        {
            var document = Parse(r.Group.Length == 0 ? $"api/{r.Version}" : $"apis/{r.Group}/{r.Version}");
            var patches = PatchOperationsOf(document, r.Group, r.Version, r.Kind).ToList();

            Assert.NotEmpty(patches);
            Assert.All(patches, op => Assert.Contains("fieldValidation", ParameterNames(op)));
        }
    }

    [Fact]
    public void WritesCarryDryRunFieldManagerAndFieldValidationAndPatchAlsoForce()
    {
        var pod = Parse("api/v1")["paths"]!["/api/v1/namespaces/{namespace}/pods/{name}"]!;

        Assert.Equal(["dryRun", "fieldManager", "fieldValidation"], ParameterNames(pod["put"]!.AsObject()));
        Assert.Equal(["dryRun", "fieldManager", "fieldValidation", "force"], ParameterNames(pod["patch"]!.AsObject()));
        Assert.Equal("patchCoreV1NamespacedPod", (string?)pod["patch"]!["operationId"]);
        Assert.Equal("patch", (string?)pod["patch"]!["x-kubernetes-action"]);
    }

    [Fact]
    public void PodsHaveEveryPathKubernetesServesForThem()
    {
        var paths = Parse("api/v1")["paths"]!.AsObject();

        Assert.Contains("/api/v1/namespaces/{namespace}/pods", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/namespaces/{namespace}/pods/{name}/status", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/namespaces/{namespace}/pods/{name}/eviction", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/namespaces/{namespace}/pods/{name}/log", paths.Select(p => p.Key));
        Assert.Contains("/api/v1/watch/namespaces/{namespace}/pods/{name}", paths.Select(p => p.Key));
        Assert.Equal("listCoreV1PodForAllNamespaces", (string?)paths["/api/v1/pods"]!["get"]!["operationId"]);
        Assert.Equal("list", (string?)paths["/api/v1/nodes"]!["get"]!["x-kubernetes-action"]);
        Assert.Null(paths["/api/v1/namespaces/{namespace}/bindings"]!["get"]);
    }

    [Fact]
    public void TheScaleSubresourceAnswersInAutoscalingV1Scale()
    {
        var scale = Parse("apis/apps/v1")["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]!["patch"]!;

        Assert.Equal("autoscaling", (string?)scale["x-kubernetes-group-version-kind"]!["group"]);
        Assert.Equal("Scale", (string?)scale["x-kubernetes-group-version-kind"]!["kind"]);
        Assert.Equal("#/components/schemas/io.k8s.api.autoscaling.v1.Scale",
            (string?)scale["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
    }

    [Fact]
    public void EveryReferenceResolvesAndEveryOperationIdIsUnique()
    {
        foreach (var path in Documents.GroupVersionPaths)
        {
            var document = Parse(path);
            var schemas = document["components"]!["schemas"]!.AsObject();
            var refs = Descendants(document).OfType<JsonObject>().Select(o => (string?)o["$ref"]).OfType<string>();
            var operationIds = Descendants(document["paths"]!).OfType<JsonObject>().Select(o => o["operationId"]).OfType<JsonValue>()
                .Select(v => (string)v!).ToList();

            Assert.All(refs, r => Assert.True(schemas.ContainsKey(r["#/components/schemas/".Length..]), r));
            Assert.Equal(operationIds.Count, operationIds.Distinct().Count());
        }
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().SelectMany(Descendants))
        {
            yield return child;
        }
    }
}
