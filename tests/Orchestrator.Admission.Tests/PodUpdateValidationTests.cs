using System.Text.Json.Nodes;
using static Orchestrator.Admission.Tests.Objects;

namespace Orchestrator.Admission.Tests;

public class PodUpdateValidationTests
{
    private static JsonObject Stored()
    {
        var pod = Pod();
        Defaulter.Apply(Kind("Pod"), pod);
        return pod;
    }

    [Fact]
    public void Changing_the_image_is_allowed()
    {
        var old = Stored();
        var now = old.DeepClone().AsObject();
        now["spec"]!["containers"]![0]!["image"] = "nginx:1.28";
        Assert.Empty(Validator.ValidateUpdate(Kind("Pod"), now, old));
    }

    [Fact]
    public void Changing_a_port_is_forbidden_with_the_kubernetes_message()
    {
        var old = Stored();
        var now = old.DeepClone().AsObject();
        now["spec"]!["containers"]![0]!["ports"] = JsonNode.Parse("""[{"containerPort":8080,"protocol":"TCP"}]""");
        var cause = Assert.Single(Validator.ValidateUpdate(Kind("Pod"), now, old));
        Assert.Equal(("FieldValueForbidden", "spec"), (cause.Reason, cause.Field));
        Assert.StartsWith(
            "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n",
            cause.Message);
        Assert.Contains("+ spec.containers[0].ports: [{\"containerPort\":8080,\"protocol\":\"TCP\"}]", cause.Message);
    }

    [Fact]
    public void Adding_a_container_is_forbidden()
    {
        var old = Stored();
        var now = old.DeepClone().AsObject();
        now["spec"]!["containers"]!.AsArray().Add(JsonNode.Parse("""{"name":"side","image":"busybox:1","imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}"""));
        Assert.Equal(
            ["FieldValueForbidden spec.containers: Forbidden: pod updates may not add or remove containers"],
            Render(Validator.ValidateUpdate(Kind("Pod"), now, old)));
    }

    [Fact]
    public void Adding_a_toleration_is_allowed_but_changing_one_is_not()
    {
        var old = Stored();
        var added = old.DeepClone().AsObject();
        added["spec"]!["tolerations"]!.AsArray().Add(JsonNode.Parse("""{"key":"gpu","operator":"Exists","effect":"NoSchedule"}"""));
        Assert.Empty(Validator.ValidateUpdate(Kind("Pod"), added, old));

        var changed = old.DeepClone().AsObject();
        changed["spec"]!["tolerations"]![0]!["effect"] = "NoSchedule";
        changed["spec"]!["tolerations"]![0]!.AsObject().Remove("tolerationSeconds");
        Assert.Contains(
            "FieldValueForbidden spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds",
            Render(Validator.ValidateUpdate(Kind("Pod"), changed, old)));
    }

    [Fact]
    public void Active_deadline_may_shrink_but_not_grow()
    {
        var old = Stored();
        old["spec"]!["activeDeadlineSeconds"] = 100;
        var shorter = old.DeepClone().AsObject();
        shorter["spec"]!["activeDeadlineSeconds"] = 50;
        Assert.Empty(Validator.ValidateUpdate(Kind("Pod"), shorter, old));

        var longer = old.DeepClone().AsObject();
        longer["spec"]!["activeDeadlineSeconds"] = 200;
        Assert.Equal(
            ["FieldValueInvalid spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value"],
            Render(Validator.ValidateUpdate(Kind("Pod"), longer, old)));
    }

    [Fact]
    public void Termination_grace_period_may_only_move_from_negative_to_one()
    {
        var old = Stored();
        old["spec"]!["terminationGracePeriodSeconds"] = -1;
        var now = old.DeepClone().AsObject();
        now["spec"]!["terminationGracePeriodSeconds"] = 1;
        Assert.Empty(Validator.ValidateUpdate(Kind("Pod"), now, old));

        now["spec"]!["terminationGracePeriodSeconds"] = 10;
        Assert.Equal("spec", Assert.Single(Validator.ValidateUpdate(Kind("Pod"), now, old)).Field);
    }
}
