namespace Orchestrator.Controllers.NodeLifecycle;

/// <summary>How healthy a zone looks, as kube's node lifecycle controller classifies it.</summary>
public enum ZoneState
{
    Initial,
    Normal,
    PartialDisruption,
    FullDisruption,
}
