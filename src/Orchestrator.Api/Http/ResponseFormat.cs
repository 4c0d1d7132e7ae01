namespace Orchestrator.Api.Http;

/// <summary>The representation a client asked for in its Accept header.</summary>
public enum ResponseFormat
{
    Json,
    Table,
    PartialObjectMetadata,
}
