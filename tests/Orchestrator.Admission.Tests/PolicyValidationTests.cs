using static Orchestrator.Admission.Tests.Objects;

namespace Orchestrator.Admission.Tests;

public class PolicyValidationTests
{
    private static readonly Core.Resources.ResourceDescriptor Pdb = Kind("PodDisruptionBudget", "policy");
    private static readonly Core.Resources.ResourceDescriptor Pc = Kind("PriorityClass", "scheduling.k8s.io");

    [Theory]
    [InlineData("""{"minAvailable":1}""", null)]
    [InlineData("""{"maxUnavailable":"50%"}""", null)]
    [InlineData("""{"minAvailable":1,"maxUnavailable":1}""", "FieldValueInvalid spec.minAvailable: Invalid value: 1: minAvailable and maxUnavailable cannot be both set")]
    [InlineData("""{"minAvailable":-1}""", "FieldValueInvalid spec.minAvailable: Invalid value: -1: must be greater than or equal to 0")]
    [InlineData("""{"maxUnavailable":"120%"}""", "FieldValueInvalid spec.maxUnavailable: Invalid value: 120%: must not be greater than 100%")]
    public void Disruption_budgets_take_one_bound(string spec, string? expected)
    {
        var pdb = Parse($$"""{"metadata":{"name":"web","namespace":"default"},"spec":{{spec}}}""");
        Assert.Equal(expected is null ? [] : [expected], Render(Create(Pdb, pdb)));
    }

    [Theory]
    [InlineData("high", 1_000_000_000, null)]
    [InlineData("high", 1_000_000_001, "FieldValueForbidden value: Forbidden: maximum allowed value of a user defined priority is 1000000000")]
    [InlineData("system-cluster-critical", 2_000_000_000, null)]
    [InlineData("system-node-critical", 5, "FieldValueForbidden metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000")]
    [InlineData("system-mine", 5, "FieldValueForbidden metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class")]
    public void Priority_class_values_are_capped_unless_system(string name, long value, string? expected)
    {
        var pc = Parse($$"""{"metadata":{"name":"{{name}}"},"value":{{value}}}""");
        Assert.Equal(expected is null ? [] : [expected], Render(Create(Pc, pc)));
    }

    [Fact]
    public void A_priority_class_value_may_not_change()
    {
        var old = Parse("""{"metadata":{"name":"high"},"value":10,"preemptionPolicy":"PreemptLowerPriority"}""");
        var now = Parse("""{"metadata":{"name":"high"},"value":20,"preemptionPolicy":"PreemptLowerPriority"}""");
        Assert.Equal(["FieldValueForbidden value: Forbidden: may not be changed in an update."], Render(Validator.ValidateUpdate(Pc, now, old)));
    }

    [Fact]
    public void A_binding_needs_a_node_target()
    {
        var binding = Parse("""{"metadata":{"name":"p","namespace":"default"},"target":{"kind":"Pod"}}""");
        Assert.Equal(
            [
                "FieldValueNotSupported target.kind: Unsupported value: \"Pod\": supported values: \"Node\", \"<empty>\"",
                "FieldValueRequired target.name: Required value",
            ],
            Render(Validator.ValidateCreate(Kind("Binding"), binding)));
    }
}
