using k8s.Models;
using Orchestrator.Controllers.Runtime;

namespace Orchestrator.Controllers.Tests.Runtime;

public sealed class LabelSelectorsTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front" };

    [Fact]
    public void Match_labels_and_expressions_are_all_required() =>
        Assert.True(LabelSelectors.Matches(new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
            MatchExpressions = [Requirement("tier", "In", "front", "back"), Requirement("canary", "DoesNotExist")],
        }, Labels));

    [Fact]
    public void One_failing_expression_rejects_the_labels() =>
        Assert.False(LabelSelectors.Matches(new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
            MatchExpressions = [Requirement("tier", "NotIn", "front")],
        }, Labels));

    [Fact]
    public void A_null_selector_matches_nothing_and_an_empty_one_everything()
    {
        Assert.False(LabelSelectors.Matches(null, Labels));
        Assert.True(LabelSelectors.Matches(new V1LabelSelector(), Labels));
    }

    private static V1LabelSelectorRequirement Requirement(string key, string op, params string[] values) =>
        new() { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values };
}
