using k8s.Models;
using static Orchestrator.Admission.Tests.Objects;

namespace Orchestrator.Admission.Tests;

public class ValidatorTests
{
    private static readonly V1StatusCause Image = new() { Reason = "FieldValueRequired", Field = "spec.containers[0].image", Message = "Required value" };
    private static readonly V1StatusCause Replicas = new() { Reason = "FieldValueInvalid", Field = "spec.replicas", Message = "Invalid value: -1: must be greater than or equal to 0" };

    [Fact]
    public void One_cause_is_reported_bare()
    {
        Assert.Equal("Pod \"x\" is invalid: spec.containers[0].image: Required value", Validator.InvalidMessage("Pod", "x", [Image]));
    }

    [Fact]
    public void Several_causes_are_bracketed_and_non_core_kinds_carry_their_group()
    {
        Assert.Equal(
            "Deployment.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.containers[0].image: Required value]",
            Validator.InvalidMessage(Kind("Deployment", "apps"), "web", [Replicas, Image]));
    }

    [Fact]
    public void Identical_causes_are_reported_once()
    {
        Assert.Equal("Pod \"x\" is invalid: spec.containers[0].image: Required value", Validator.InvalidMessage(Kind("Pod"), "x", [Image, Image]));
    }

    [Theory]
    [InlineData("Endpoints")]
    [InlineData("Event")]
    [InlineData("Node")]
    public void Kinds_without_deep_rules_still_get_metadata_checks(string kind)
    {
        var r = Kind(kind);
        var obj = Parse(r.Namespaced ? """{"metadata":{"name":"Bad_Name","namespace":"default"}}""" : """{"metadata":{"name":"Bad_Name"}}""");
        Assert.Equal("metadata.name", Assert.Single(Validator.ValidateCreate(r, obj)).Field);
    }
}
