namespace Orchestrator.Tables;

/// <summary>What each Table row carries in <c>object</c>: nothing, PartialObjectMetadata, or the whole object.</summary>
public enum IncludeObject
{
    None,
    Metadata,
    Object,
}
