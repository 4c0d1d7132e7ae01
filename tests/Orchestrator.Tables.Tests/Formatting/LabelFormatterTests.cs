using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Tests.Formatting;

public class LabelFormatterTests
{
    [Fact]
    public void Labels_print_sorted_by_key_and_none_when_empty()
    {
        Assert.Equal("a=1,b=2", LabelFormatter.FormatLabels(JsonNode.Parse("""{"b":"2","a":"1"}""")));
        Assert.Equal("<none>", LabelFormatter.FormatLabels(null));
        Assert.Equal("<none>", LabelFormatter.FormatLabels(new JsonObject()));
    }

    [Fact]
    public void A_selector_sorts_requirements_by_key_and_values_within_a_set()
    {
        var selector = JsonNode.Parse("""
            {
              "matchLabels": {"tier": "web"},
              "matchExpressions": [
                {"key": "env", "operator": "In", "values": ["prod", "dev"]},
                {"key": "zone", "operator": "NotIn", "values": ["b", "a"]},
                {"key": "canary", "operator": "DoesNotExist"},
                {"key": "app", "operator": "Exists"}
              ]
            }
            """);

        Assert.Equal("app,!canary,env in (dev,prod),tier=web,zone notin (a,b)", LabelFormatter.SelectorString(selector));
    }

    [Fact]
    public void An_empty_or_missing_selector_prints_none_and_a_bad_operator_prints_error()
    {
        Assert.Equal("<none>", LabelFormatter.FormatLabelSelector(null));
        Assert.Equal("<none>", LabelFormatter.FormatLabelSelector(new JsonObject()));
        Assert.Equal("<error>", LabelFormatter.FormatLabelSelector(JsonNode.Parse("""{"matchExpressions":[{"key":"a","operator":"Gt"}]}""")));
    }
}
