namespace Orchestrator.Grains;

/// <summary>How a write ended; the API layer maps each to its HTTP status.</summary>
public enum WriteStatus
{
    Ok,
    AlreadyExists,
    NotFound,
    Conflict,
}
