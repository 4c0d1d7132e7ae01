using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Core.Validation;

/// <summary>
/// apimachinery's name and key formats (pkg/util/validation), each returning its error strings (none when valid).
/// Admission validates objects with them and the label selector parser validates keys and values with them,
/// as Kubernetes does.
/// </summary>
public static partial class Names
{
    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    private const string ConfigKeyFmt = "[-._a-zA-Z0-9]+";
    private const string QualifiedNameErr = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    [GeneratedRegex("^" + Dns1123LabelFmt + "$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^" + Dns1123SubdomainFmt + "$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^" + Dns1035LabelFmt + "$")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex("^" + QualifiedNameFmt + "$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^" + LabelValueFmt + "$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^" + ConfigKeyFmt + "$")]
    private static partial Regex ConfigKey();

    [GeneratedRegex("^[-a-z0-9]+$")]
    private static partial Regex PortNameCharset();

    public static List<string> IsDns1123Label(string value)
    {
        List<string> errs = [];
        if (value.Length > 63)
        {
            errs.Add(MaxLen(63));
        }
        if (!Dns1123Label().IsMatch(value))
        {
            errs.Add(Dns1123Subdomain().IsMatch(value)
                ? "must not contain dots"
                : RegexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", Dns1123LabelFmt, "my-name", "123-abc"));
        }
        return errs;
    }

    public static List<string> IsDns1123Subdomain(string value)
    {
        List<string> errs = [];
        if (value.Length > 253)
        {
            errs.Add(MaxLen(253));
        }
        if (!Dns1123Subdomain().IsMatch(value))
        {
            errs.Add(RegexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", Dns1123SubdomainFmt, "example.com"));
        }
        return errs;
    }

    public static List<string> IsDns1035Label(string value)
    {
        List<string> errs = [];
        if (value.Length > 63)
        {
            errs.Add(MaxLen(63));
        }
        if (!Dns1035Label().IsMatch(value))
        {
            errs.Add(RegexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", Dns1035LabelFmt, "my-name", "abc-123"));
        }
        return errs;
    }

    /// <summary>Label keys and annotation keys: an optional DNS subdomain prefix and a 63-character name.</summary>
    public static List<string> IsQualifiedName(string value)
    {
        List<string> errs = [];
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    errs.Add("prefix part must be non-empty");
                }
                else
                {
                    errs.AddRange(IsDns1123Subdomain(parts[0]).Select(m => "prefix part " + m));
                }
                break;
            default:
                errs.Add("a qualified name " + RegexError(QualifiedNameErr, QualifiedNameFmt, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
        }
        if (name.Length == 0)
        {
            errs.Add("name part must be non-empty");
        }
        else if (Encoding.UTF8.GetByteCount(name) > 63)
        {
            errs.Add("name part " + MaxLen(63));
        }
        if (!QualifiedName().IsMatch(name))
        {
            errs.Add("name part " + RegexError(QualifiedNameErr, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    public static List<string> IsLabelValue(string value)
    {
        List<string> errs = [];
        if (Encoding.UTF8.GetByteCount(value) > 63)
        {
            errs.Add(MaxLen(63));
        }
        if (!LabelValue().IsMatch(value))
        {
            errs.Add(RegexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LabelValueFmt, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    public static List<string> IsConfigMapKey(string value)
    {
        List<string> errs = [];
        if (value.Length > 253)
        {
            errs.Add(MaxLen(253));
        }
        if (!ConfigKey().IsMatch(value))
        {
            errs.Add(RegexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", ConfigKeyFmt, "key.name", "KEY_NAME", "key-name"));
        }
        if (value == ".")
        {
            errs.Add("must not be '.'");
        }
        else if (value == "..")
        {
            errs.Add("must not be '..'");
        }
        else if (value.StartsWith("..", StringComparison.Ordinal))
        {
            errs.Add("must not start with '..'");
        }
        return errs;
    }

    public static List<string> IsValidPortName(string port)
    {
        List<string> errs = [];
        if (port.Length > 15)
        {
            errs.Add(MaxLen(15));
        }
        if (!PortNameCharset().IsMatch(port))
        {
            errs.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!port.Any(c => c is >= 'a' and <= 'z'))
        {
            errs.Add("must contain at least one letter (a-z)");
        }
        if (port.Contains("--", StringComparison.Ordinal))
        {
            errs.Add("must not contain consecutive hyphens");
        }
        if (port.Length > 0 && (port[0] == '-' || port[^1] == '-'))
        {
            errs.Add("must not begin or end with a hyphen");
        }
        return errs;
    }

    public static List<string> IsValidPortNum(long port) =>
        port is >= 1 and <= 65535 ? [] : ["must be between 1 and 65535, inclusive"];

    public static string MaxLen(int length) => $"must be no more than {length} characters";

    public static string RegexError(string msg, string fmt, params string[] examples)
    {
        if (examples.Length == 0)
        {
            return msg + " (regex used for validation is '" + fmt + "')";
        }
        // Go joins examples as "'a', or 'b', " — the odd spacing is Kubernetes' own and users grep for it.
        var joined = string.Join(" or ", examples.Select(e => "'" + e + "', "));
        return msg + " (e.g. " + joined + "regex used for validation is '" + fmt + "')";
    }
}
