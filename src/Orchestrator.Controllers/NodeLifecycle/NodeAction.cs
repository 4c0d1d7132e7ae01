namespace Orchestrator.Controllers.NodeLifecycle;

/// <summary>
/// What to write for one node: its conditions set to Unknown, a NodeNotReady event with its pods marked not ready,
/// and taints (<c>key:effect</c>) to add and remove.
/// </summary>
public sealed record NodeAction(string Name)
{
    public bool SetUnknown { get; init; }

    public bool ReportNotReady { get; init; }

    public IReadOnlyList<string> AddTaints { get; init; } = [];

    public IReadOnlyList<string> RemoveTaints { get; init; } = [];

    public bool IsEmpty => !SetUnknown && !ReportNotReady && AddTaints.Count == 0 && RemoveTaints.Count == 0;
}
