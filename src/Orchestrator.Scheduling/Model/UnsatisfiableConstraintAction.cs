namespace Orchestrator.Scheduling.Model;

/// <summary>Whether a topology spread constraint filters (DoNotSchedule) or only scores (ScheduleAnyway).</summary>
public enum UnsatisfiableConstraintAction
{
    DoNotSchedule,
    ScheduleAnyway,
}
