namespace Orchestrator.Scheduling.Model;

/// <summary>A pod toleration; an empty key with Exists tolerates every taint.</summary>
public sealed record Toleration(
    string Key,
    TolerationOperator Operator = TolerationOperator.Equal,
    string Value = "",
    TaintEffect Effect = TaintEffect.None)
{
    public bool Tolerates(Taint taint)
    {
        if (Effect != TaintEffect.None && Effect != taint.Effect)
        {
            return false;
        }

        if (Key.Length > 0 && Key != taint.Key)
        {
            return false;
        }

        return Operator == TolerationOperator.Exists || Value == taint.Value;
    }
}
