using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using Orchestrator.Apply.Fields;
using Orchestrator.Core.Schema;

namespace Orchestrator.Apply.Schema;

/// <summary>Derives server-side apply's schema from the KubernetesClient model types and the strategic-merge table.</summary>
internal static class ModelSchema
{
    // Kubernetes marks these +structType=atomic: an applier owns the whole struct, not its fields.
    private static readonly HashSet<Type> AtomicStructs =
    [
        typeof(V1LabelSelector), typeof(V1NodeSelector), typeof(V1ObjectReference),
        typeof(V1LocalObjectReference), typeof(V1TypedLocalObjectReference),
    ];

    private static readonly ConcurrentDictionary<Type, SchemaNode> Roots = new();

    // Every object of a kind walks the same struct fields: classify each once, and name it with one shared path element.
    private static readonly ConcurrentDictionary<Type, Dictionary<string, (PathElement Element, SchemaNode Schema)>> StructFields = new();

    public static SchemaNode Root(Type? modelType) =>
        modelType is null ? SchemaNode.Deduced : Roots.GetOrAdd(modelType, t => Classify(t, null, null));

    /// <summary>The shape of field or key <paramref name="name"/> of an object node.</summary>
    public static SchemaNode Child(SchemaNode parent, string name) => Child(parent, name, out _);

    /// <summary>
    /// The shape of field or key <paramref name="name"/> of an object node, and its path element when the node is a
    /// struct with that field (null otherwise: the caller names it with <see cref="PathElement.OfField"/> if it needs to).
    /// </summary>
    public static SchemaNode Child(SchemaNode parent, string name, out PathElement? element)
    {
        if (parent.Kind == SchemaKind.Struct && parent.Model is { } model
            && StructFields.GetOrAdd(model, FieldsOf).TryGetValue(name, out var field))
        {
            element = field.Element;
            return field.Schema;
        }
        element = null;
        return parent.Element ?? SchemaNode.Deduced;
    }

    /// <summary>The path element naming <paramref name="item"/> in a granular list.</summary>
    public static PathElement ItemElement(SchemaNode list, JsonNode? item, int index)
    {
        if (list.Kind == SchemaKind.Set)
        {
            return PathElement.OfValue(item);
        }
        if (item is not JsonObject obj)
        {
            return PathElement.OfIndex(index);
        }
        var key = new List<KeyValuePair<string, JsonNode?>>();
        foreach (var name in list.Keys)
        {
            if (obj.TryGetPropertyValue(name, out var value) && value is not null)
            {
                key.Add(KeyValuePair.Create<string, JsonNode?>(name, value));
            }
            else if (name == "protocol")
            {
                // The OpenAPI default of a port's protocol stands in for a missing key, as in Kubernetes.
                key.Add(KeyValuePair.Create<string, JsonNode?>(name, JsonValue.Create("TCP")));
            }
        }
        return key.Count == 0 ? PathElement.OfIndex(index) : PathElement.OfKey(key);
    }

    private static Dictionary<string, (PathElement Element, SchemaNode Schema)> FieldsOf(Type model) =>
        ModelProperties.Of(model).ToDictionary(
            p => p.Key, p => (PathElement.OfField(p.Key), Classify(p.Value.PropertyType, model, p.Key)), StringComparer.Ordinal);

    private static SchemaNode Classify(Type type, Type? parent, string? property)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type.IsPrimitive || type.IsEnum || type.IsArray || type == typeof(object)
            || !type.IsClass && !type.IsInterface || type.GetCustomAttribute<JsonConverterAttribute>() is not null
            || AtomicStructs.Contains(type))
        {
            return SchemaNode.Leaf;
        }
        if (IsDictionary(type))
        {
            return new SchemaNode(SchemaKind.Map, null, Classify(ModelProperties.ElementType(type), null, null), []);
        }
        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            var strategy = parent is null || property is null ? null : PatchMetadata.For(parent, property);
            if (strategy is not { Merge: true })
            {
                return SchemaNode.Leaf;
            }
            var element = Classify(ModelProperties.ElementType(type), null, null);
            if (strategy.MergeKey is null)
            {
                return new SchemaNode(SchemaKind.Set, null, element, []);
            }
            return new SchemaNode(SchemaKind.AssociativeList, null, element, KeysOf(parent!, property!, strategy.MergeKey));
        }
        return ModelProperties.Of(type).Count > 0 ? new SchemaNode(SchemaKind.Struct, type, null, []) : SchemaNode.Leaf;
    }

    // Kubernetes keys container and service ports by port and protocol (+listMapKey), beyond the patch merge key.
    private static string[] KeysOf(Type parent, string property, string mergeKey) =>
        property == "ports" && (parent == typeof(V1Container) || parent == typeof(V1EphemeralContainer) || parent == typeof(V1ServiceSpec))
            ? [mergeKey, "protocol"]
            : [mergeKey];

    private static bool IsDictionary(Type type) =>
        type.GetInterfaces().Append(type)
            .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
}
