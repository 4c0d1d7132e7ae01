namespace Orchestrator.Scheduling.Model;

/// <summary>What a taint does to pods that do not tolerate it; None on a toleration means every effect.</summary>
public enum TaintEffect
{
    None,
    NoSchedule,
    PreferNoSchedule,
    NoExecute,
}
