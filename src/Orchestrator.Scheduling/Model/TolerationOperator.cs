namespace Orchestrator.Scheduling.Model;

/// <summary>How a toleration compares its value with a taint's.</summary>
public enum TolerationOperator
{
    Equal,
    Exists,
}
