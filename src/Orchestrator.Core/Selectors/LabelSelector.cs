using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Core.Selectors;

/// <summary>A parsed Kubernetes label selector (labels.Selector): requirements ANDed together, or Nothing.</summary>
public sealed class LabelSelector
{
    private static readonly Dictionary<string, string> NoLabels = [];

    private readonly IReadOnlyList<LabelRequirement> _requirements;
    private readonly bool _matchesNothing;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing)
    {
        _requirements = requirements;
        _matchesNothing = matchesNothing;
    }

    /// <summary>Matches every set of labels (labels.Everything()).</summary>
    public static LabelSelector Everything { get; } = new([], matchesNothing: false);

    /// <summary>Matches no set of labels (labels.Nothing()), what a nil metav1.LabelSelector means.</summary>
    public static LabelSelector Nothing { get; } = new([], matchesNothing: true);

    /// <summary>True when the selector does not restrict anything; false for <see cref="Nothing"/>, as in Kubernetes.</summary>
    public bool IsEmpty => !_matchesNothing && _requirements.Count == 0;

    /// <summary>True only for <see cref="Nothing"/> (labels.MatchesNothing).</summary>
    public bool MatchesNothing => _matchesNothing;

    /// <summary>Parses the query syntax of ?labelSelector=; null or empty text selects everything.</summary>
    /// <exception cref="SelectorException">The text is not a valid selector; the message is Kubernetes'.</exception>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        return new LabelSelector(LabelSelectorParser.Parse(text), matchesNothing: false);
    }

    /// <summary>
    /// Converts a metav1.LabelSelector as LabelSelectorAsSelector does: null selects nothing, {} selects everything,
    /// matchLabels become equality requirements and matchExpressions In, NotIn, Exists or DoesNotExist.
    /// </summary>
    /// <exception cref="SelectorException">A key, value or operator is invalid.</exception>
    public static LabelSelector FromLabelSelectorJson(JsonObject? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        var matchLabels = AsObject(selector["matchLabels"], "matchLabels");
        var matchExpressions = AsArray(selector["matchExpressions"], "matchExpressions");
        if ((matchLabels?.Count ?? 0) + (matchExpressions?.Count ?? 0) == 0)
        {
            return Everything;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in matchLabels ?? [])
        {
            requirements.Add(LabelRequirement.Create(key, LabelOperator.Equals, [AsString(value, $"matchLabels.{key}") ?? ""]));
        }

        for (var i = 0; i < (matchExpressions?.Count ?? 0); i++)
        {
            var expression = AsObject(matchExpressions![i], $"matchExpressions[{i}]") ?? [];
            var op = AsString(expression["operator"], $"matchExpressions[{i}].operator") ?? "";
            var labelOperator = op switch
            {
                "In" => LabelOperator.In,
                "NotIn" => LabelOperator.NotIn,
                "Exists" => LabelOperator.Exists,
                "DoesNotExist" => LabelOperator.DoesNotExist,
                _ => throw new SelectorException($"{GoFormat.Quote(op)} is not a valid label selector operator"),
            };
            var values = AsArray(expression["values"], $"matchExpressions[{i}].values") ?? [];
            var key = AsString(expression["key"], $"matchExpressions[{i}].key") ?? "";
            requirements.Add(LabelRequirement.Create(
                key,
                labelOperator,
                [.. values.Select((v, j) => AsString(v, $"matchExpressions[{i}].values[{j}]") ?? "")]));
        }

        return new LabelSelector([.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)], matchesNothing: false);
    }

    /// <summary>True when every requirement holds for the labels (null labels count as none).</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (_matchesNothing)
        {
            return false;
        }

        labels ??= NoLabels;
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// RequiresExactMatch: whether the first requirement on <paramref name="label"/> pins it to one value
    /// (=, == or in with one value), so a caller can use that value as an index.
    /// </summary>
    public bool TryGetExactMatch(string label, out string value)
    {
        value = "";
        var requirement = _requirements.FirstOrDefault(r => r.Key == label);
        if (requirement is null
            || requirement.Operator is not (LabelOperator.Equals or LabelOperator.DoubleEquals or LabelOperator.In)
            || requirement.Values.Count != 1)
        {
            return false;
        }

        value = requirement.Values[0];
        return true;
    }

    /// <summary>The canonical selector text, requirements sorted by key, as Kubernetes prints it.</summary>
    public override string ToString() => string.Join(",", _requirements);

    // Wrongly typed members would fail to decode in Kubernetes before selector conversion; here they fail loudly.
    private static JsonObject? AsObject(JsonNode? node, string path) => node switch
    {
        null => null,
        JsonObject o => o,
        _ => throw new SelectorException($"{path}: expected an object, found {node.GetValueKind()}"),
    };

    private static JsonArray? AsArray(JsonNode? node, string path) => node switch
    {
        null => null,
        JsonArray a => a,
        _ => throw new SelectorException($"{path}: expected an array, found {node.GetValueKind()}"),
    };

    private static string? AsString(JsonNode? node, string path) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw new SelectorException($"{path}: expected a string, found {node.GetValueKind()}"),
    };
}
