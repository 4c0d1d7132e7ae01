using System.Globalization;
using System.Text;
using k8s.Models;

namespace Orchestrator.Admission;

/// <summary>Builds status causes worded exactly as apimachinery's field.Error.ErrorBody does.</summary>
internal static class Causes
{
    public const string FieldImmutable = "field is immutable";

    public static V1StatusCause Required(string field, string detail = "") =>
        Cause("FieldValueRequired", field, WithDetail("Required value", detail));

    public static V1StatusCause Forbidden(string field, string detail) =>
        Cause("FieldValueForbidden", field, WithDetail("Forbidden", detail));

    public static V1StatusCause TooLong(string field, int maxBytes) =>
        Cause("FieldValueTooLong", field, $"Too long: must have at most {maxBytes} bytes");

    /// <summary>Invalid with a string bad value, which Go prints quoted (%q).</summary>
    public static V1StatusCause Invalid(string field, string value, string detail) =>
        InvalidRendered(field, Quote(value), detail);

    /// <summary>Invalid with a number bad value, which Go prints bare.</summary>
    public static V1StatusCause Invalid(string field, long value, string detail) =>
        InvalidRendered(field, value.ToString(CultureInfo.InvariantCulture), detail);

    /// <summary>Invalid with a bad value already rendered the way Go's %v/%#v would.</summary>
    public static V1StatusCause InvalidRendered(string field, string rendered, string detail) =>
        Cause("FieldValueInvalid", field, WithDetail("Invalid value: " + rendered, detail));

    public static V1StatusCause Duplicate(string field, string value) =>
        Cause("FieldValueDuplicate", field, "Duplicate value: " + Quote(value));

    public static V1StatusCause NotFound(string field, string message) =>
        Cause("FieldValueNotFound", field, message);

    public static V1StatusCause NotSupported(string field, string value, params string[] supported) =>
        Cause(
            "FieldValueNotSupported",
            field,
            WithDetail("Unsupported value: " + Quote(value), supported.Length == 0 ? "" : "supported values: " + string.Join(", ", supported.Select(Quote))));

    public static V1StatusCause Cause(string reason, string field, string message) =>
        new() { Reason = reason, Field = field, Message = message };

    /// <summary>Go's %q: double quotes with backslash escapes.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Go's %#v of a map[string]string: keys sorted, values quoted.</summary>
    public static string GoMap(IEnumerable<KeyValuePair<string, string>> map) =>
        "map[string]string{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Quote(p.Key)}:{Quote(p.Value)}")) + "}";

    private static string WithDetail(string body, string detail) => detail.Length == 0 ? body : body + ": " + detail;
}
