using System.Text;

namespace Orchestrator.Core.Selectors;

/// <summary>Label key and value rules, with apimachinery's messages (pkg/api/validate/content).</summary>
internal static class LabelValidation
{
    private const int LabelKeyMaxLength = 63;
    private const int LabelValueMaxLength = 63;
    private const int SubdomainMaxLength = 253;

    private const string LabelKeyFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelKeyErrMsg =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFmt = "(" + LabelKeyFmt + ")?";
    private const string LabelValueErrMsg =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string SubdomainFmt = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string SubdomainErrMsg =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string EmptyError = "must be non-empty";

    /// <summary>Mirrors content.IsLabelKey: an optional DNS subdomain prefix and '/', then a name.</summary>
    public static List<string> LabelKeyErrors(string key)
    {
        var errors = new List<string>();
        var parts = key.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                var prefix = parts[0];
                if (prefix.Length == 0)
                {
                    errors.Add("prefix part " + EmptyError);
                }
                else
                {
                    errors.AddRange(SubdomainErrors(prefix).Select(e => "prefix part " + e));
                }

                break;
            default:
                errors.Add("a valid label key " + RegexError(LabelKeyErrMsg, LabelKeyFmt, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part " + EmptyError);
        }
        else if (ByteLength(name) > LabelKeyMaxLength)
        {
            errors.Add("name part " + MaxLenError(LabelKeyMaxLength));
        }

        if (!IsLabelToken(name))
        {
            errors.Add("name part " + RegexError(LabelKeyErrMsg, LabelKeyFmt, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    /// <summary>Mirrors content.IsLabelValue: empty, or at most 63 bytes of [-A-Za-z0-9_.] with alphanumeric ends.</summary>
    public static List<string> LabelValueErrors(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > LabelValueMaxLength)
        {
            errors.Add(MaxLenError(LabelValueMaxLength));
        }

        if (value.Length != 0 && !IsLabelToken(value))
        {
            errors.Add(RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    private static List<string> SubdomainErrors(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > SubdomainMaxLength)
        {
            errors.Add(MaxLenError(SubdomainMaxLength));
        }

        if (!value.Split('.').All(IsDnsLabel))
        {
            errors.Add(RegexError(SubdomainErrMsg, SubdomainFmt, "example.com"));
        }

        return errors;
    }

    // ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
    private static bool IsLabelToken(string s)
    {
        if (s.Length == 0 || !char.IsAsciiLetterOrDigit(s[0]) || !char.IsAsciiLetterOrDigit(s[^1]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_' && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    // [a-z0-9]([-a-z0-9]*[a-z0-9])?
    private static bool IsDnsLabel(string s)
    {
        static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

        if (s.Length == 0 || !IsLowerAlphanumeric(s[0]) || !IsLowerAlphanumeric(s[^1]))
        {
            return false;
        }

        return s.All(c => IsLowerAlphanumeric(c) || c == '-');
    }

    // Kubernetes limits are in bytes of UTF-8, not in characters.
    private static int ByteLength(string s) => Encoding.UTF8.GetByteCount(s);

    private static string MaxLenError(int length) => $"must be no more than {length} bytes";

    // The doubled space before "or" is Kubernetes' own; clients match these messages verbatim.
    private static string RegexError(string message, string regex, params string[] examples)
    {
        var sb = new StringBuilder(message).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(" or ");
            }

            sb.Append('\'').Append(examples[i]).Append("', ");
        }

        return sb.Append("regex used for validation is '").Append(regex).Append("')").ToString();
    }
}
