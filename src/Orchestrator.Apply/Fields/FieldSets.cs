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

    /// <summary>
    /// Compares two versions of an object: added, modified and removed paths (leaves, and granular nodes that appeared or vanished).
    /// A null <paramref name="before"/> is a create (as an empty object would be), found in one walk of <paramref name="after"/>.
    /// </summary>
    public static FieldComparison Compare(JsonObject? before, JsonObject after, SchemaNode root)
    {
        // Built bottom-up with the stripped paths left out on the way, so no path is ever copied and unchanged subtrees cost nothing.
        var delta = CompareNode(before ?? new JsonObject(), after, root, isRoot: true, alwaysPresent: false, Stripped);
        return new FieldComparison(delta.Added ?? new FieldSet(), delta.Modified ?? new FieldSet(), delta.Removed ?? new FieldSet());
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

    private static Delta CompareNode(JsonNode? before, JsonNode? after, SchemaNode schema, bool isRoot, bool alwaysPresent, FieldSet? strip)
    {
        if (!isRoot && before is not null && after is not null && JsonNode.DeepEquals(before, after))
        {
            // Unchanged: nothing added, modified or removed below, whatever the schema. Most of an object is unchanged in
            // most updates (a status write leaves the whole spec), and the walk below allocates where this compare does not.
            return default;
        }
        var granular = before is null ? IsGranular(after, schema)
            : after is null ? IsGranular(before, schema)
            : IsGranular(before, schema) && IsGranular(after, schema) && before.GetType() == after.GetType();
        var mayOwnSelf = strip is not { HasSelf: true };
        if (!granular)
        {
            if (!mayOwnSelf)
            {
                return default;
            }
            if (before is null && after is not null)
            {
                return new Delta(FieldSet.Self(), null, null);
            }
            if (after is null && before is not null)
            {
                return new Delta(null, null, FieldSet.Self());
            }
            return JsonNode.DeepEquals(before, after) ? default : new Delta(null, FieldSet.Self(), null);
        }
        var delta = new Delta();
        if (schema.IsGranularObject)
        {
            var beforeObject = before as JsonObject;
            var afterObject = after as JsonObject;
            if (beforeObject is not null)
            {
                foreach (var (name, value) in beforeObject)
                {
                    JsonNode? other = null;
                    afterObject?.TryGetPropertyValue(name, out other);
                    CompareField(name, value, other, schema, strip, ref delta);
                }
            }
            if (afterObject is not null)
            {
                foreach (var (name, value) in afterObject)
                {
                    if (beforeObject is null || !beforeObject.ContainsKey(name))
                    {
                        CompareField(name, null, value, schema, strip, ref delta);
                    }
                }
            }
        }
        else
        {
            CompareItems(before as JsonArray, after as JsonArray, schema, strip, ref delta);
        }
        if (!isRoot && !alwaysPresent && mayOwnSelf)
        {
            if (before is null)
            {
                (delta.Added ??= new FieldSet()).Insert([]);
            }
            else if (after is null)
            {
                (delta.Removed ??= new FieldSet()).Insert([]);
            }
        }
        return delta;
    }

    private static void CompareField(string name, JsonNode? before, JsonNode? after, SchemaNode schema, FieldSet? strip, ref Delta delta)
    {
        var childSchema = ModelSchema.Child(schema, name, out var pe);
        // Only metadata and the top level are stripped; anywhere else no path element is made unless something changed.
        var childStrip = strip is null ? null : strip.Child(pe ??= PathElement.OfField(name));
        var child = CompareNode(before, after, childSchema, false, AlwaysPresent(name), childStrip);
        if (!child.IsEmpty)
        {
            delta.Attach(pe ?? PathElement.OfField(name), child);
        }
    }

    private static void CompareItems(JsonArray? before, JsonArray? after, SchemaNode schema, FieldSet? strip, ref Delta delta)
    {
        var beforeItems = Items(before, schema);
        var afterItems = Items(after, schema);
        var element = schema.Element ?? SchemaNode.Leaf;
        foreach (var (pe, value) in beforeItems)
        {
            afterItems.TryGetValue(pe, out var other);
            delta.Attach(pe, CompareNode(value, other, element, false, false, strip?.Child(pe)));
        }
        foreach (var (pe, value) in afterItems)
        {
            if (!beforeItems.ContainsKey(pe))
            {
                delta.Attach(pe, CompareNode(null, value, element, false, false, strip?.Child(pe)));
            }
        }
    }

    // The distinct elements of a granular list, in order (the first of equal ones wins, as Children has it).
    private static Dictionary<PathElement, JsonNode?> Items(JsonArray? array, SchemaNode schema)
    {
        var items = new Dictionary<PathElement, JsonNode?>(array?.Count ?? 0);
        if (array is not null)
        {
            for (var i = 0; i < array.Count; i++)
            {
                items.TryAdd(ModelSchema.ItemElement(schema, array[i], i), array[i]);
            }
        }
        return items;
    }

    // Go's zero value holds these non-pointer structs, so in Kubernetes they never appear as added by themselves.
    private static bool AlwaysPresent(string field) => field is "metadata" or "spec" or "status" or "template";

    // What changed under one node, each part null while empty; a non-null part is never empty.
    private struct Delta(FieldSet? added, FieldSet? modified, FieldSet? removed)
    {
        public FieldSet? Added = added;
        public FieldSet? Modified = modified;
        public FieldSet? Removed = removed;

        public readonly bool IsEmpty => Added is null && Modified is null && Removed is null;

        public void Attach(PathElement pe, Delta child)
        {
            if (child.Added is not null)
            {
                (Added ??= new FieldSet()).SetChild(pe, child.Added);
            }
            if (child.Modified is not null)
            {
                (Modified ??= new FieldSet()).SetChild(pe, child.Modified);
            }
            if (child.Removed is not null)
            {
                (Removed ??= new FieldSet()).SetChild(pe, child.Removed);
            }
        }
    }

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
