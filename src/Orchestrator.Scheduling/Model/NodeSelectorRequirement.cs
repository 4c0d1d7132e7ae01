using System.Collections.Immutable;
using System.Globalization;

namespace Orchestrator.Scheduling.Model;

/// <summary>One expression of a node selector term, matched against a node's labels.</summary>
public sealed record NodeSelectorRequirement(string Key, NodeSelectorOperator Operator, ImmutableArray<string> Values)
{
    public NodeSelectorRequirement(string key, NodeSelectorOperator op, params string[] values)
        : this(key, op, ImmutableArray.Create(values))
    {
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            NodeSelectorOperator.In => has && Values.Contains(value!),
            NodeSelectorOperator.NotIn => !has || !Values.Contains(value!),
            NodeSelectorOperator.Exists => has,
            NodeSelectorOperator.DoesNotExist => !has,
            NodeSelectorOperator.Gt => has && Compare(value!) is > 0,
            NodeSelectorOperator.Lt => has && Compare(value!) is < 0,
            _ => false,
        };
    }

    // Kubernetes treats an unparsable Gt/Lt operand as a term that matches nothing, so null means no match.
    private int? Compare(string labelValue)
    {
        if (Values.Length != 1
            || !long.TryParse(labelValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
            || !long.TryParse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound))
        {
            return null;
        }

        return actual.CompareTo(bound);
    }
}
