namespace Orchestrator.Scheduling.Queue;

/// <summary>Which part of the scheduling queue holds a pod; InFlight means popped and not yet finished.</summary>
public enum QueueName
{
    Active,
    Backoff,
    Unschedulable,
    InFlight,
}
