using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Core.Resources;
using Orchestrator.Core.Schema;

namespace Orchestrator.OpenApi.Tests;

public class SchemaSetTests
{
    private static JsonObject SchemasOf(params Type[] types)
    {
        var set = new SchemaSet();
        foreach (var type in types)
        {
            set.Add(type);
        }
        return set.ToJson();
    }

    private static readonly JsonObject All = SchemasOf([.. ResourceRegistry.BuiltIn.All.SelectMany(r => new[] { r.ModelType, r.ListModelType })]);

    private static JsonNode Property(string schema, string property) => All[schema]!["properties"]![property]!;

    [Fact]
    public void ADeploymentSchemaCarriesItsGroupVersionKind()
    {
        var gvk = All["io.k8s.api.apps.v1.Deployment"]!["x-kubernetes-group-version-kind"]![0]!;

        Assert.Equal(("apps", "v1", "Deployment"), ((string?)gvk["group"], (string?)gvk["version"], (string?)gvk["kind"]));
    }

    [Fact]
    public void ContainersAreMergedByName()
    {
        var containers = Property("io.k8s.api.core.v1.PodSpec", "containers");

        Assert.Equal("name", (string?)containers["x-kubernetes-patch-merge-key"]);
        Assert.Equal("merge", (string?)containers["x-kubernetes-patch-strategy"]);
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.Container", (string?)containers["items"]!["$ref"]);
    }

    [Fact]
    public void VolumesAreMergedByNameAndRetainKeys()
    {
        Assert.Equal("merge,retainKeys", (string?)Property("io.k8s.api.core.v1.PodSpec", "volumes")["x-kubernetes-patch-strategy"]);
    }

    [Fact]
    public void AStrategyOnAnObjectWrapsItsReferenceInAllOf()
    {
        var strategy = Property("io.k8s.api.apps.v1.DeploymentSpec", "strategy");

        Assert.Equal("retainKeys", (string?)strategy["x-kubernetes-patch-strategy"]);
        Assert.Equal("#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy", (string?)strategy["allOf"]![0]!["$ref"]);
    }

    [Fact]
    public void EveryPatchStrategyAgreesWithPatchMetadata()
    {
        foreach (var type in Reachable())
        {
            foreach (var (name, _) in ModelProperties.Of(type))
            {
                var schema = All[ModelTypes.SchemaName(type)]!["properties"]![name]!;
                var expected = PatchMetadata.For(type, name);

                Assert.Equal(expected?.MergeKey, (string?)schema["x-kubernetes-patch-merge-key"]);
                Assert.Equal(expected is null, schema["x-kubernetes-patch-strategy"] is null);
            }
        }
    }

    [Fact]
    public void EveryReachableTypeHasItsOwnName()
    {
        var types = Reachable().ToList();

        Assert.Equal(types.Count, types.Select(ModelTypes.SchemaName).Distinct().Count());
        Assert.Equal(types.Count + 1, All.Count); // and the PATCH body
    }

    [Fact]
    public void ScalarsHaveKubernetesTypesAndFormats()
    {
        Assert.Equal("int32", (string?)Property("io.k8s.api.core.v1.ContainerPort", "containerPort")["format"]);
        Assert.Equal("int64", (string?)Property("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "generation")["format"]);
        Assert.Equal("date-time", (string?)Property("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "creationTimestamp")["format"]);
        Assert.Equal("byte", (string?)Property("io.k8s.api.core.v1.Secret", "data")["additionalProperties"]!["format"]);
        Assert.Equal("string", (string?)Property("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "labels")["additionalProperties"]!["type"]);
        Assert.Equal("boolean", (string?)Property("io.k8s.api.core.v1.PodSpec", "hostNetwork")["type"]);
        Assert.True((bool?)All["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!["x-kubernetes-int-or-string"]);
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity",
            (string?)Property("io.k8s.api.core.v1.ResourceRequirements", "limits")["additionalProperties"]!["$ref"]);
    }

    private static IEnumerable<Type> Reachable()
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(ResourceRegistry.BuiltIn.All.SelectMany(r => new[] { r.ModelType, r.ListModelType }));
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }
            if (type == typeof(IntOrString) || type == typeof(ResourceQuantity))
            {
                continue;
            }
            foreach (var property in ModelProperties.Of(type).Values)
            {
                var element = Element(property.PropertyType);
                if (SchemaSet.IsModel(element))
                {
                    pending.Enqueue(element);
                }
            }
        }
        return seen;
    }

    private static Type Element(Type type) => Nullable.GetUnderlyingType(type) is { } underlying ? underlying
        : type != typeof(string) && type.IsGenericType ? Element(type.GetGenericArguments()[^1])
        : type;
}
