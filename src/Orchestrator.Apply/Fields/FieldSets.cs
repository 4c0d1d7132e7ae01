using System.Text.Json.Nodes;
using Orchestrator.Apply.Schema;

namespace Orchestrator.Apply.Fields;

/// <summary>The field sets of objects: what an applied configuration claims, and what changed between two versions.</summary>
internal static class FieldSets
{
    // stripmeta in the apiserver: these paths are never owned by anyone (only the paths themselves, not what is under them).
    private static readonly FieldSet Stripped = StrippedPaths();

    /// <summary>The fields an applied configuration sets: its leaves, keyed list elements, empty objects and map entries.</summary>
    public static FieldSet Of(JsonObject config, SchemaNode root)
    {
        var set = new FieldSet();
        Collect(config, root, [], set);
        return set.Difference(Stripped);
    }

    /// <summary>Compares two versions of an object: added, modified and removed paths (leaves, and granular nodes that appeared or vanished).</summary>
    public static FieldComparison Compare(JsonObject before, JsonObject after, SchemaNode root)
    {
        var comparison = new FieldComparison(new FieldSet(), new FieldSet(), new FieldSet());
        CompareNode(before, after, root, [], comparison);
        return new FieldComparison(
            comparison.Added.Difference(Stripped), comparison.Modified.Difference(Stripped), comparison.Removed.Difference(Stripped));
    }

    /// <summary>The children of a granular node, by path element, in document order.</summary>
    public static List<(PathElement Element, JsonNode? Value, SchemaNode Schema)> Children(JsonNode? node, SchemaNode schema)
    {
        var children = new List<(PathElement, JsonNode?, SchemaNode)>();
        if (schema.IsGranularObject && node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                children.Add((PathElement.OfField(name), value, ModelSchema.Child(schema, name)));
            }
        }
        else if (schema.IsGranularList && node is JsonArray array)
        {
            var seen = new HashSet<PathElement>();
            for (var i = 0; i < array.Count; i++)
            {
                var pe = ModelSchema.ItemElement(schema, array[i], i);
                if (seen.Add(pe))
                {
                    children.Add((pe, array[i], schema.Element ?? SchemaNode.Leaf));
                }
            }
        }
        return children;
    }

    /// <summary>Whether the node is walked into (a granular object or list of the right JSON shape) rather than owned whole.</summary>
    public static bool IsGranular(JsonNode? node, SchemaNode schema) =>
        (schema.IsGranularObject && node is JsonObject) || (schema.IsGranularList && node is JsonArray);

    private static void Collect(JsonNode? node, SchemaNode schema, IReadOnlyList<PathElement> path, FieldSet set)
    {
        if (!IsGranular(node, schema))
        {
            if (path.Count > 0)
            {
                set.Insert(path);
            }
            return;
        }
        foreach (var (pe, value, childSchema) in Children(node, schema))
        {
            IReadOnlyList<PathElement> childPath = [.. path, pe];
            Collect(value, childSchema, childPath, set);
            // List elements are members themselves; so are empty objects and the entries of maps (not struct fields).
            if (pe.Kind != PathElementKind.Field || value is JsonObject { Count: 0 } || schema.Kind == SchemaKind.Map)
            {
                set.Insert(childPath);
            }
        }
    }

    private static void CompareNode(JsonNode? before, JsonNode? after, SchemaNode schema, IReadOnlyList<PathElement> path, FieldComparison result)
    {
        var granular = before is null ? IsGranular(after, schema)
            : after is null ? IsGranular(before, schema)
            : IsGranular(before, schema) && IsGranular(after, schema) && before.GetType() == after.GetType();
        if (!granular)
        {
            if (before is null && after is not null)
            {
                result.Added.Insert(path);
            }
            else if (after is null && before is not null)
            {
                result.Removed.Insert(path);
            }
            else if (!JsonNode.DeepEquals(before, after))
            {
                result.Modified.Insert(path);
            }
            return;
        }
        var beforeChildren = Children(before, schema).ToDictionary(c => c.Element);
        var afterChildren = Children(after, schema).ToDictionary(c => c.Element);
        foreach (var (pe, value, childSchema) in beforeChildren.Values)
        {
            CompareNode(value, afterChildren.TryGetValue(pe, out var other) ? other.Value : null, childSchema, [.. path, pe], result);
        }
        foreach (var (pe, value, childSchema) in afterChildren.Values.Where(c => !beforeChildren.ContainsKey(c.Element)))
        {
            CompareNode(null, value, childSchema, [.. path, pe], result);
        }
        if (path.Count > 0 && !AlwaysPresent(path))
        {
            if (before is null)
            {
                result.Added.Insert(path);
            }
            else if (after is null)
            {
                result.Removed.Insert(path);
            }
        }
    }

    // Go's zero value holds these non-pointer structs, so in Kubernetes they never appear as added by themselves.
    private static bool AlwaysPresent(IReadOnlyList<PathElement> path) =>
        path[^1].Kind == PathElementKind.Field && path[^1].Field is "metadata" or "spec" or "status" or "template";

    private static FieldSet StrippedPaths()
    {
        var set = new FieldSet();
        set.Insert([PathElement.OfField("apiVersion")]);
        set.Insert([PathElement.OfField("kind")]);
        set.Insert([PathElement.OfField("metadata")]);
        foreach (var name in new[] { "name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion" })
        {
            set.Insert([PathElement.OfField("metadata"), PathElement.OfField(name)]);
        }
        return set;
    }
}
