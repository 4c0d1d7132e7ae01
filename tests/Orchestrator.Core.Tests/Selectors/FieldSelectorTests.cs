using Orchestrator.Core.Selectors;

namespace Orchestrator.Core.Tests.Selectors;

public class FieldSelectorTests
{
    [Theory]
    [InlineData("metadata.name=web", true)]
    [InlineData("metadata.name==web", true)]
    [InlineData("metadata.name=db", false)]
    [InlineData("metadata.name!=db", true)]
    [InlineData("metadata.name!=web", false)]
    [InlineData("metadata.name=web,status.phase=Running", true)]
    [InlineData("metadata.name=web,status.phase!=Running", false)]
    [InlineData("spec.nodeName=", true)]
    [InlineData("spec.nodeName!=", false)]
    [InlineData("metadata.namespace=a\\,b", true)]
    [InlineData("metadata.labels=x\\=y", true)]
    [InlineData("metadata.uid=c\\\\d", true)]
    [InlineData("", true)]
    public void Every_operator_matches_fields_as_kubernetes_does(string selector, bool expected)
    {
        var fields = new Dictionary<string, string>
        {
            ["metadata.name"] = "web",
            ["metadata.namespace"] = "a,b",
            ["metadata.labels"] = "x=y",
            ["metadata.uid"] = @"c\d",
            ["status.phase"] = "Running",
        };

        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(f => fields.GetValueOrDefault(f)));
    }

    [Theory]
    [InlineData("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'")]
    [InlineData("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'")]
    [InlineData("a=b=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData("a!==b", "invalid field selector: unescaped character in value: 61")]
    [InlineData(@"a=b\x", @"invalid field selector: invalid escape sequence: \x")]
    [InlineData(@"a=b\", @"invalid field selector: invalid escape sequence: \")]
    public void A_malformed_selector_is_rejected_with_kubernetes_message(string selector, string message)
    {
        var e = Assert.Throws<SelectorException>(() => FieldSelector.Parse(selector));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData(@"a=x\,y", "a", "x,y")]
    [InlineData(@"a=x\=y", "a", "x=y")]
    [InlineData(@"a=x\\y", "a", @"x\y")]
    [InlineData(@"a==\,", "a", ",")]
    [InlineData("a==b", "a", "b")]
    [InlineData(" a = b ", " a ", " b ")]
    public void Escapes_are_undone_and_nothing_is_trimmed(string selector, string field, string value)
    {
        Assert.Equal([new FieldRequirement(field, value, Equal: true)], FieldSelector.Parse(selector).Requirements);
    }

    [Fact]
    public void An_escaped_backslash_before_a_comma_does_not_escape_the_comma()
    {
        var selector = FieldSelector.Parse(@"b=x\\,a!=y");

        Assert.Equal(
            [new FieldRequirement("a", "y", Equal: false), new FieldRequirement("b", @"x\", Equal: true)],
            selector.Requirements);
    }

    [Fact]
    public void Requirements_are_sorted_and_printed_with_their_escapes()
    {
        var selector = FieldSelector.Parse(@"status.phase!=Failed,metadata.name=a\,b");

        Assert.Equal(
            [new FieldRequirement("metadata.name", "a,b", Equal: true), new FieldRequirement("status.phase", "Failed", Equal: false)],
            selector.Requirements);
        Assert.Equal(@"metadata.name=a\,b,status.phase!=Failed", selector.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(",")]
    [InlineData("=")]
    [InlineData(",=,")]
    public void No_terms_select_everything(string? text)
    {
        var selector = FieldSelector.Parse(text);

        Assert.True(selector.IsEmpty);
        Assert.Empty(selector.Requirements);
        Assert.True(selector.Matches(_ => "anything"));
    }

    [Theory]
    [InlineData("metadata.name=web,metadata.namespace!=kube-system", "metadata.name", true, "web")]
    [InlineData("metadata.name==web", "metadata.name", true, "web")]
    [InlineData("metadata.name=web,metadata.namespace!=kube-system", "metadata.namespace", false, "")]
    [InlineData("metadata.name=b,metadata.name=a", "metadata.name", true, "a")]
    [InlineData("", "metadata.name", false, "")]
    public void An_exact_match_comes_only_from_an_equality_term(string text, string field, bool found, string value)
    {
        Assert.Equal(found, FieldSelector.Parse(text).TryGetExactMatch(field, out var actual));
        Assert.Equal(value, actual);
    }

    [Fact]
    public void A_field_the_object_lacks_counts_as_empty()
    {
        Assert.True(FieldSelector.Parse("spec.nodeName=").Matches(_ => null));
        Assert.True(FieldSelector.Parse("spec.nodeName!=n1").Matches(_ => null));
        Assert.False(FieldSelector.Parse("spec.nodeName=n1").Matches(_ => null));
    }

    [Theory]
    [InlineData(@"a,b=c\d", @"a\,b\=c\\d")]
    [InlineData("plain", "plain")]
    public void Values_escape_so_that_they_parse_back(string value, string escaped)
    {
        Assert.Equal(escaped, FieldSelector.EscapeValue(value));
        Assert.True(FieldSelector.Parse("f=" + escaped).TryGetExactMatch("f", out var parsed));
        Assert.Equal(value, parsed);
    }
}
