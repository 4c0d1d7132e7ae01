using System.Globalization;
using System.Text;

namespace Orchestrator.Core.Selectors;

/// <summary>The bits of Go's fmt and field.ErrorList formatting that selector error messages are built from.</summary>
internal static class GoFormat
{
    /// <summary>field.Invalid(path, value, detail).Error() for a string value.</summary>
    public static string Invalid(string path, string value, string detail) => $"{path}: Invalid value: {Quote(value)}: {detail}";

    /// <summary>field.Invalid(path, values, detail).Error() for a []string value, printed as %#v.</summary>
    public static string Invalid(string path, IReadOnlyList<string> values, string detail)
    {
        var shown = values.Count == 0 ? "[]string(nil)" : "[]string{" + string.Join(", ", values.Select(Quote)) + "}";
        return $"{path}: Invalid value: {shown}: {detail}";
    }

    /// <summary>ErrorList.ToAggregate().Error(): duplicates dropped, one message bare, several bracketed.</summary>
    public static string Aggregate(IEnumerable<string> messages)
    {
        var distinct = messages.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }

    /// <summary>strconv.Quote (%q).</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            var v = rune.Value;
            if (v == '"' || v == '\\')
            {
                sb.Append('\\').Append((char)v);
            }
            else if (IsPrint(rune))
            {
                sb.Append(rune.ToString());
            }
            else
            {
                sb.Append(v switch
                {
                    '\a' => @"\a",
                    '\b' => @"\b",
                    '\f' => @"\f",
                    '\n' => @"\n",
                    '\r' => @"\r",
                    '\t' => @"\t",
                    '\v' => @"\v",
                    < ' ' or 0x7f => string.Create(CultureInfo.InvariantCulture, $"\\x{v:x2}"),
                    < 0x10000 => string.Create(CultureInfo.InvariantCulture, $"\\u{v:x4}"),
                    _ => string.Create(CultureInfo.InvariantCulture, $"\\U{v:x8}"),
                });
            }
        }

        return sb.Append('"').ToString();
    }

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsPrint(Rune rune) => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator => false,
        _ => true,
    };
}
