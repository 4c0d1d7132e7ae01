namespace Orchestrator.Storage;

/// <summary>The kinds of change a watch reports, with Kubernetes' names.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}
