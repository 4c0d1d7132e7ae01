using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Model;

/// <summary>Expressions that must all match; a term with none matches no node, as in Kubernetes.</summary>
public sealed record NodeSelectorTerm(ImmutableArray<NodeSelectorRequirement> MatchExpressions)
{
    public NodeSelectorTerm(params NodeSelectorRequirement[] expressions)
        : this(ImmutableArray.Create(expressions))
    {
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        if (MatchExpressions.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var expression in MatchExpressions)
        {
            if (!expression.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }
}
