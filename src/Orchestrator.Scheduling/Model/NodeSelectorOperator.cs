namespace Orchestrator.Scheduling.Model;

/// <summary>Operators of a node selector requirement.</summary>
public enum NodeSelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
    Gt,
    Lt,
}
