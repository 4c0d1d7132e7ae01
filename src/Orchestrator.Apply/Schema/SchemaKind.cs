namespace Orchestrator.Apply.Schema;

/// <summary>How server-side apply treats a node: structured-merge-diff's element relationships.</summary>
internal enum SchemaKind
{
    /// <summary>A scalar, an atomic struct or an atomic list: owned and replaced as a whole.</summary>
    Leaf,

    /// <summary>A model type: granular by declared field.</summary>
    Struct,

    /// <summary>A map (labels, annotations, data) or an object of unknown shape: granular by key.</summary>
    Map,

    /// <summary>A list of objects identified by key fields (<c>listType=map</c>).</summary>
    AssociativeList,

    /// <summary>A list of distinct primitives (<c>listType=set</c>).</summary>
    Set,
}
