using System.Text.Json.Nodes;
using static Orchestrator.Admission.Tests.Objects;

namespace Orchestrator.Admission.Tests;

public class WorkloadValidationTests
{
    private static readonly Core.Resources.ResourceDescriptor Deploy = Kind("Deployment", "apps");

    [Fact]
    public void A_defaulted_valid_deployment_has_no_causes()
    {
        Assert.Empty(Create(Deploy, Deployment()));
    }

    [Fact]
    public void A_selector_is_required()
    {
        var d = Deployment();
        d["spec"]!.AsObject().Remove("selector");
        Assert.Equal(["FieldValueRequired spec.selector: Required value"], Render(Create(Deploy, d)));
    }

    [Fact]
    public void The_selector_must_match_the_template_labels()
    {
        var d = Deployment(labels: """{"app":"api","tier":"be"}""");
        Assert.Equal(
            ["FieldValueInvalid spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\", \"tier\":\"be\"}: `selector` does not match template `labels`"],
            Render(Create(Deploy, d)));
    }

    [Fact]
    public void Match_expressions_take_part_in_matching()
    {
        var d = Deployment(selector: """{"matchExpressions":[{"key":"app","operator":"In","values":["web","api"]}]}""");
        Assert.Empty(Create(Deploy, d));
    }

    [Fact]
    public void An_empty_selector_is_invalid()
    {
        var d = Deployment(selector: "{}");
        Assert.Equal(
            ["FieldValueInvalid spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}: empty selector is invalid for deployment"],
            Render(Create(Deploy, d)));
    }

    [Fact]
    public void Replicas_may_not_be_negative()
    {
        var d = Deployment();
        d["spec"]!["replicas"] = -1;
        Assert.Equal(["FieldValueInvalid spec.replicas: Invalid value: -1: must be greater than or equal to 0"], Render(Create(Deploy, d)));
    }

    [Theory]
    [InlineData("0", "0", "FieldValueInvalid spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0")]
    [InlineData("\"0%\"", "0", "FieldValueInvalid spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0%: may not be 0 when `maxSurge` is 0")]
    [InlineData("\"150%\"", "1", "FieldValueInvalid spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 150%: must not be greater than 100%")]
    [InlineData("\"abc\"", "1", "FieldValueInvalid spec.strategy.rollingUpdate.maxUnavailable: Invalid value: abc: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")]
    public void Rolling_update_bounds_are_checked(string maxUnavailable, string maxSurge, string expected)
    {
        var d = Deployment();
        d["spec"]!["strategy"] = JsonNode.Parse($$$"""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":{{{maxUnavailable}}},"maxSurge":{{{maxSurge}}}}}""");
        Assert.Equal([expected], Render(Create(Deploy, d)));
    }

    [Fact]
    public void A_template_restart_policy_other_than_always_is_not_supported()
    {
        var d = Deployment();
        d["spec"]!["template"]!["spec"]!["restartPolicy"] = "Never";
        Assert.Equal(
            ["FieldValueNotSupported spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""],
            Render(Create(Deploy, d)));
    }

    [Fact]
    public void Template_containers_are_validated_under_the_template_path()
    {
        var d = Deployment();
        d["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject().Remove("image");
        Assert.Equal(["FieldValueRequired spec.template.spec.containers[0].image: Required value"], Render(Create(Deploy, d)));
    }

    [Theory]
    [InlineData("Deployment")]
    [InlineData("ReplicaSet")]
    public void The_selector_is_immutable_on_update(string kind)
    {
        var r = Kind(kind, "apps");
        var old = Deployment();
        Defaulter.Apply(r, old);
        var now = Deployment(selector: """{"matchLabels":{"app":"web","tier":"fe"}}""", labels: """{"app":"web","tier":"fe"}""");
        Defaulter.Apply(r, now);
        Assert.Equal(
            ["FieldValueInvalid spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{app: web,tier: fe,},MatchExpressions:[]LabelSelectorRequirement{},}: field is immutable"],
            Render(Validator.ValidateUpdate(r, now, old)));
    }

    [Fact]
    public void Scaling_a_deployment_is_a_valid_update()
    {
        var old = Deployment();
        Defaulter.Apply(Deploy, old);
        var now = old.DeepClone().AsObject();
        now["spec"]!["replicas"] = 5;
        Assert.Empty(Validator.ValidateUpdate(Deploy, now, old));
    }
}
