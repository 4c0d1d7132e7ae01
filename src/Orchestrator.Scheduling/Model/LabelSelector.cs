using System.Collections.Immutable;

namespace Orchestrator.Scheduling.Model;

/// <summary>A matchLabels selector; an empty one selects every pod, as in Kubernetes.</summary>
public sealed record LabelSelector(ImmutableDictionary<string, string> MatchLabels)
{
    public static LabelSelector Everything { get; } = new(ImmutableDictionary<string, string>.Empty);

    public static LabelSelector Of(params (string Key, string Value)[] labels) =>
        new(labels.ToImmutableDictionary(l => l.Key, l => l.Value));

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }
}
