namespace Orchestrator.Apply.Schema;

/// <summary>The shape of one node of an object: its kind, the model type of a struct, element shape and list keys.</summary>
internal sealed record SchemaNode(SchemaKind Kind, Type? Model, SchemaNode? Element, IReadOnlyList<string> Keys)
{
    public static readonly SchemaNode Leaf = new(SchemaKind.Leaf, null, null, []);

    /// <summary>An object with no model type: a map of maps and leaves, lists atomic (structured-merge-diff's deduced schema).</summary>
    public static readonly SchemaNode Deduced = new(SchemaKind.Map, null, null, []);

    public bool IsGranularObject => Kind is SchemaKind.Struct or SchemaKind.Map;

    public bool IsGranularList => Kind is SchemaKind.AssociativeList or SchemaKind.Set;
}
