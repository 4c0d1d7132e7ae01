using System.Text;

namespace Orchestrator.Core.Selectors;

/// <summary>A parsed Kubernetes field selector (fields.Selector): equality and inequality terms ANDed together.</summary>
public sealed class FieldSelector
{
    // "==" is tried before "=" so that it does not leave a leading '=' on the value.
    private static readonly string[] Operators = ["!=", "==", "="];

    private FieldSelector(IReadOnlyList<FieldRequirement> requirements)
    {
        Requirements = requirements;
    }

    /// <summary>Matches every object (fields.Everything()).</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The terms, sorted as Kubernetes sorts them (by their text), for the server to check and index on.</summary>
    public IReadOnlyList<FieldRequirement> Requirements { get; }

    /// <summary>True when the selector does not restrict anything.</summary>
    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>
    /// Parses the query syntax of ?fieldSelector= (fields.ParseSelector): terms separated by ',', each
    /// <c>field=value</c>, <c>field==value</c> or <c>field!=value</c>; in values <c>\,</c>, <c>\=</c> and <c>\\</c>
    /// stand for the character. Nothing is trimmed; null or empty text selects everything.
    /// </summary>
    /// <exception cref="SelectorException">The text is not a valid selector; the message is Kubernetes'.</exception>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        var requirements = new List<FieldRequirement>();
        foreach (var term in SplitTerms(text).Order(StringComparer.Ordinal))
        {
            if (term.Length == 0)
            {
                continue;
            }

            if (!TrySplitTerm(term, out var field, out var op, out var rawValue))
            {
                throw new SelectorException($"invalid selector: '{text}'; can't understand '{term}'");
            }

            var value = Unescape(rawValue);

            // Kubernetes' Transform drops a term whose field and value are both empty, so "=" selects everything.
            if (field.Length == 0 && value.Length == 0)
            {
                continue;
            }

            requirements.Add(new FieldRequirement(field, value, Equal: op != "!="));
        }

        return requirements.Count == 0 ? Everything : new FieldSelector(requirements);
    }

    /// <summary>Escapes a value for use in selector text (fields.EscapeValue).</summary>
    public static string EscapeValue(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace(",", @"\,", StringComparison.Ordinal)
            .Replace("=", @"\=", StringComparison.Ordinal);

    /// <summary>True when every term holds; <paramref name="fieldValue"/> gives the object's value of a field, null counting as "".</summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        ArgumentNullException.ThrowIfNull(fieldValue);
        foreach (var requirement in Requirements)
        {
            var actual = fieldValue(requirement.Field) ?? "";
            if (string.Equals(actual, requirement.Value, StringComparison.Ordinal) != requirement.Equal)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RequiresExactMatch: the value of the first equality term on <paramref name="field"/>, if any.</summary>
    public bool TryGetExactMatch(string field, out string value)
    {
        foreach (var requirement in Requirements)
        {
            if (requirement.Equal && requirement.Field == field)
            {
                value = requirement.Value;
                return true;
            }
        }

        value = "";
        return false;
    }

    /// <summary>The canonical selector text, values escaped, as Kubernetes prints it.</summary>
    public override string ToString() =>
        string.Join(",", Requirements.Select(r => r.Field + (r.Equal ? "=" : "!=") + EscapeValue(r.Value)));

    // Splits on commas that are not escaped; escapes stay in the terms, to be undone per value.
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var start = 0;
        var inSlash = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inSlash)
            {
                inSlash = false;
            }
            else if (c == '\\')
            {
                inSlash = true;
            }
            else if (c == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }

        terms.Add(text[start..]);
        return terms;
    }

    // The field cannot be escaped, so the first operator anywhere in the term splits it.
    private static bool TrySplitTerm(string term, out string field, out string op, out string value)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var candidate in Operators)
            {
                if (string.CompareOrdinal(term, i, candidate, 0, candidate.Length) == 0)
                {
                    field = term[..i];
                    op = candidate;
                    value = term[(i + candidate.Length)..];
                    return true;
                }
            }
        }

        field = op = value = "";
        return false;
    }

    private static string Unescape(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', ',', '=') < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        var inSlash = false;
        foreach (var rune in value.EnumerateRunes())
        {
            if (inSlash)
            {
                if (rune.Value is not ('\\' or ',' or '='))
                {
                    throw new SelectorException($"invalid field selector: invalid escape sequence: \\{rune}");
                }

                sb.Append((char)rune.Value);
                inSlash = false;
                continue;
            }

            switch (rune.Value)
            {
                case '\\':
                    inSlash = true;
                    break;
                case ',' or '=':
                    // Go prints the rune with %v, that is as its code point number (61 for '=').
                    throw new SelectorException($"invalid field selector: unescaped character in value: {rune.Value}");
                default:
                    sb.Append(rune.ToString());
                    break;
            }
        }

        if (inSlash)
        {
            throw new SelectorException(@"invalid field selector: invalid escape sequence: \");
        }

        return sb.ToString();
    }
}
