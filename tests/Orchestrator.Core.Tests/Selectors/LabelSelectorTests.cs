using System.Text.Json.Nodes;
using Orchestrator.Core.Selectors;

namespace Orchestrator.Core.Tests.Selectors;

public class LabelSelectorTests
{
    private const string KeyRule =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string ValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
        + "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
        + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private const string PrefixRule =
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and "
        + "end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        + @"'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    [Theory]
    [InlineData("a=b", "a=b", true)]
    [InlineData("a=b", "a=c", false)]
    [InlineData("a=b", "", false)]
    [InlineData("a==b", "a=b", true)]
    [InlineData("a==b", "a=c", false)]
    [InlineData("a!=b", "a=c", true)]
    [InlineData("a!=b", "", true)]
    [InlineData("a!=b", "a=b", false)]
    [InlineData("a in (x,y)", "a=y", true)]
    [InlineData("a in (x,y)", "a=z", false)]
    [InlineData("a in (x,y)", "", false)]
    [InlineData("a notin (x)", "a=y", true)]
    [InlineData("a notin (x)", "", true)]
    [InlineData("a notin (x)", "a=x", false)]
    [InlineData("a", "a=", true)]
    [InlineData("a", "b=1", false)]
    [InlineData("!a", "b=1", true)]
    [InlineData("!a", "a=1", false)]
    [InlineData("a>1", "a=2", true)]
    [InlineData("a>1", "a=1", false)]
    [InlineData("a>1", "a=x", false)]
    [InlineData("a<1", "a=0", true)]
    [InlineData("a<1", "", false)]
    [InlineData("a=", "a=", true)]
    [InlineData("a=", "a=x", false)]
    [InlineData("a in ()", "a=", true)]
    [InlineData("a in (,x)", "a=", true)]
    [InlineData("a in (x,)", "a=", true)]
    [InlineData("a=b,c", "a=b,c=1", true)]
    [InlineData("a=b,c", "a=b", false)]
    [InlineData("a=b,a=c", "a=b", false)]
    [InlineData(" a = b ,\tc notin ( x , y ) ", "a=b,c=z", true)]
    [InlineData("in in (in,notin)", "in=notin", true)]
    [InlineData("example.com/app=web", "example.com/app=web", true)]
    [InlineData("", "a=b", true)]
    public void Every_operator_matches_labels_as_kubernetes_does(string selector, string labels, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels(labels)));
    }

    [Theory]
    [InlineData("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [InlineData("a=b,", "found '', expected: identifier after ','")]
    [InlineData(",a", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("!a=b", "found '=', expected: ',' or 'end of string'")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("a in b", "unable to parse requirement: found 'b' expected: '('")]
    [InlineData("a in (b", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier")]
    [InlineData("a in (b,=)", "unable to parse requirement: found '=', expected: ',', or identifier")]
    [InlineData("a=(b)", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("a>b", "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("a$=b", "unable to parse requirement: <nil>: Invalid value: \"a$\": " + KeyRule)]
    [InlineData("a=b$", "unable to parse requirement: values[0][a]: Invalid value: \"b$\": " + ValueRule)]
    [InlineData("a in (x$,y$)", "unable to parse requirement: [values[0][a]: Invalid value: \"x$\": " + ValueRule
        + ", values[1][a]: Invalid value: \"y$\": " + ValueRule + "]")]
    [InlineData("/a", "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty")]
    [InlineData("a/", "unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be non-empty; " + KeyRule)]
    [InlineData("Example.com/a", "unable to parse requirement: <nil>: Invalid value: \"Example.com/a\": " + PrefixRule)]
    [InlineData("a/b/c", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric "
        + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
        + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain "
        + "prefix and '/' (e.g. 'example.com/MyName')")]
    [InlineData("a\"b", "unable to parse requirement: <nil>: Invalid value: \"a\\\"b\": " + KeyRule)]
    public void A_malformed_selector_is_rejected_with_kubernetes_message(string selector, string message)
    {
        var e = Assert.Throws<SelectorException>(() => LabelSelector.Parse(selector));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("x=a,y=b,z=c")]
    [InlineData("x!=a,y=b")]
    [InlineData("x=")]
    [InlineData("x= ")]
    [InlineData("x=,z= ")]
    [InlineData("x= ,z= ")]
    [InlineData("!x")]
    [InlineData("x>1")]
    [InlineData("x>1,z<5")]
    public void Kubernetes_good_selectors_print_back_without_their_spaces(string text)
    {
        Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), LabelSelector.Parse(text).ToString());
    }

    [Theory]
    [InlineData("x=a||y=b")]
    [InlineData("x==a==b")]
    [InlineData("!x=a")]
    [InlineData("x<a")]
    [InlineData("x>")]
    public void Kubernetes_bad_selectors_are_rejected(string text)
    {
        Assert.Throws<SelectorException>(() => LabelSelector.Parse(text));
    }

    [Fact]
    public void Keys_and_values_longer_than_63_bytes_are_rejected()
    {
        var tooLong = new string('k', 64);

        var key = Assert.Throws<SelectorException>(() => LabelSelector.Parse(tooLong));
        var value = Assert.Throws<SelectorException>(() => LabelSelector.Parse("a=" + tooLong));

        Assert.Equal($"unable to parse requirement: <nil>: Invalid value: \"{tooLong}\": name part must be no more than 63 characters", key.Message);
        Assert.Equal($"unable to parse requirement: values[0][a]: Invalid value: \"{tooLong}\": must be no more than 63 characters", value.Message);
        Assert.False(LabelSelector.Parse(new string('k', 63) + "=" + new string('v', 63)).IsEmpty);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_selector_text_selects_everything(string? text)
    {
        var selector = LabelSelector.Parse(text);

        Assert.True(selector.IsEmpty);
        Assert.True(selector.Matches(null));
        Assert.True(selector.Matches(Labels("a=b")));
    }

    [Theory]
    [InlineData("b in (z,y),a", "a,b in (y,z)")]
    [InlineData("x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()")]
    [InlineData("!a,b==c,d!=e,f>1,g<2", "!a,b==c,d!=e,f>1,g<2")]
    public void A_selector_prints_in_canonical_form(string text, string expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(text).ToString());
    }

    [Theory]
    [InlineData("app=web", "app", true, "web")]
    [InlineData("app==web", "app", true, "web")]
    [InlineData("app in (web)", "app", true, "web")]
    [InlineData("app in (web,db)", "app", false, "")]
    [InlineData("app!=web", "app", false, "")]
    [InlineData("tier=web", "app", false, "")]
    public void An_exact_match_is_reported_only_when_one_value_is_required(string text, string label, bool found, string value)
    {
        Assert.Equal(found, LabelSelector.Parse(text).TryGetExactMatch(label, out var actual));
        Assert.Equal(value, actual);
    }

    [Fact]
    public void A_null_label_selector_object_matches_nothing()
    {
        var selector = LabelSelector.FromLabelSelectorJson(null);

        Assert.Same(LabelSelector.Nothing, selector);
        Assert.True(selector.MatchesNothing);
        Assert.False(selector.IsEmpty);
        Assert.False(selector.Matches(null));
        Assert.False(selector.Matches(Labels("a=b")));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"matchLabels":{}}""")]
    [InlineData("""{"matchExpressions":[]}""")]
    [InlineData("""{"matchLabels":null,"matchExpressions":null}""")]
    public void An_empty_label_selector_object_matches_everything(string json)
    {
        var selector = LabelSelector.FromLabelSelectorJson(JsonNode.Parse(json)!.AsObject());

        Assert.True(selector.IsEmpty);
        Assert.False(selector.MatchesNothing);
        Assert.True(selector.Matches(Labels("a=b")));
    }

    [Theory]
    [InlineData("""{"matchLabels":{"app":"web"}}""", "app=web", true)]
    [InlineData("""{"matchLabels":{"app":"web"}}""", "app=db", false)]
    [InlineData("""{"matchLabels":{"app":"web","tier":"front"}}""", "app=web", false)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"In","values":["web","db"]}]}""", "app=db", true)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"In","values":["web","db"]}]}""", "", false)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"NotIn","values":["web"]}]}""", "", true)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"NotIn","values":["web"]}]}""", "app=web", false)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"Exists"}]}""", "app=", true)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"Exists","values":[]}]}""", "", false)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"DoesNotExist"}]}""", "", true)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"DoesNotExist"}]}""", "app=web", false)]
    [InlineData("""{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"Exists"}]}""", "app=web,tier=x", true)]
    [InlineData("""{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"Exists"}]}""", "app=web", false)]
    public void Match_labels_and_match_expressions_convert_to_requirements(string json, string labels, bool expected)
    {
        var selector = LabelSelector.FromLabelSelectorJson(JsonNode.Parse(json)!.AsObject());

        Assert.Equal(expected, selector.Matches(Labels(labels)));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Gt","values":["1"]}]}""", "\"Gt\" is not a valid label selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In","values":[]}]}""",
        "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"NotIn"}]}""",
        "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Exists","values":["x","y"]}]}""",
        "values: Invalid value: []string{\"x\", \"y\"}: values set must be empty for exists and does not exist")]
    [InlineData("""{"matchLabels":{"a$":"b"}}""", "key: Invalid value: \"a$\": " + KeyRule)]
    [InlineData("""{"matchLabels":{"app":"w$"}}""", "values[0][app]: Invalid value: \"w$\": " + ValueRule)]
    [InlineData("""{"matchExpressions":[{"operator":"Exists"}]}""", "key: Invalid value: \"\": name part must be non-empty; " + KeyRule)]
    [InlineData("""{"matchLabels":{"app":1}}""", "matchLabels.app: expected a string, found Number")]
    public void An_invalid_label_selector_object_is_rejected_with_kubernetes_message(string json, string message)
    {
        var e = Assert.Throws<SelectorException>(() => LabelSelector.FromLabelSelectorJson(JsonNode.Parse(json)!.AsObject()));
        Assert.Equal(message, e.Message);
    }

    private static Dictionary<string, string> Labels(string text) =>
        text.Length == 0
            ? []
            : text.Split(',').Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
