namespace Orchestrator.Apply.Fields;

/// <summary>The four kinds of path element, in structured-merge-diff's sort order.</summary>
internal enum PathElementKind
{
    Field,
    Key,
    Value,
    Index,
}
