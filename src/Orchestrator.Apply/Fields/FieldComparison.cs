namespace Orchestrator.Apply.Fields;

/// <summary>What changed between two versions of an object, as three field sets.</summary>
internal sealed record FieldComparison(FieldSet Added, FieldSet Modified, FieldSet Removed)
{
    public FieldSet Changed => Added.Union(Modified);
}
