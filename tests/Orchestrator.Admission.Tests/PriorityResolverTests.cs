using System.Text.Json.Nodes;
using static Orchestrator.Admission.Tests.Objects;

namespace Orchestrator.Admission.Tests;

public class PriorityResolverTests
{
    private static readonly PriorityClassInfo High = new("high", 1000, "PreemptLowerPriority");
    private static readonly PriorityClassInfo Batch = new("batch", 10, "Never");

    private static PriorityClassInfo? Lookup(string name) => new[] { High, Batch }.FirstOrDefault(c => c.Name == name);

    private static JsonObject PodWith(string specExtra)
    {
        var pod = Pod();
        foreach (var (key, value) in Parse(specExtra))
        {
            pod["spec"]![key] = value?.DeepClone();
        }
        return pod;
    }

    [Fact]
    public void A_named_class_sets_priority_and_preemption_policy()
    {
        var pod = PodWith("""{"priorityClassName":"batch"}""");
        Assert.Null(PriorityResolver.Resolve(pod, Lookup, globalDefault: null));
        Assert.Equal(10, (int?)pod["spec"]!["priority"]);
        Assert.Equal("Never", (string?)pod["spec"]!["preemptionPolicy"]);
    }

    [Fact]
    public void Without_a_class_the_global_default_is_used_and_named()
    {
        var pod = Pod();
        Assert.Null(PriorityResolver.Resolve(pod, Lookup, globalDefault: High));
        Assert.Equal("high", (string?)pod["spec"]!["priorityClassName"]);
        Assert.Equal(1000, (int?)pod["spec"]!["priority"]);
    }

    [Fact]
    public void Without_any_class_priority_is_zero_and_preempts_lower()
    {
        var pod = Pod();
        Assert.Null(PriorityResolver.Resolve(pod, Lookup, globalDefault: null));
        Assert.Equal(0, (int?)pod["spec"]!["priority"]);
        Assert.Equal("PreemptLowerPriority", (string?)pod["spec"]!["preemptionPolicy"]);
        Assert.Null(pod["spec"]!["priorityClassName"]);
    }

    [Fact]
    public void Built_in_system_classes_resolve_without_a_lookup_entry()
    {
        var pod = PodWith("""{"priorityClassName":"system-node-critical"}""");
        Assert.Null(PriorityResolver.Resolve(pod, _ => null, globalDefault: null));
        Assert.Equal(2_000_001_000, (int?)pod["spec"]!["priority"]);
        Assert.Equal(2_000_000_000, PriorityResolver.BuiltIns.Single(b => b.Name == "system-cluster-critical").Value);
    }

    [Fact]
    public void A_missing_class_is_not_found()
    {
        var cause = PriorityResolver.Resolve(PodWith("""{"priorityClassName":"gold"}"""), Lookup, globalDefault: null);
        Assert.NotNull(cause);
        Assert.Equal(("FieldValueNotFound", "spec.priorityClassName", "no PriorityClass with name gold was found"), (cause.Reason, cause.Field, cause.Message));
    }

    [Theory]
    [InlineData("""{"priorityClassName":"high","priority":1000}""", null, null)]
    [InlineData("""{"priorityClassName":"high","priority":5}""", "spec.priority", "the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name")]
    [InlineData("""{"priorityClassName":"batch","preemptionPolicy":"PreemptLowerPriority"}""", "spec.preemptionPolicy", "the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name")]
    public void A_pod_may_only_repeat_what_its_class_says(string spec, string? field, string? message)
    {
        var cause = PriorityResolver.Resolve(PodWith(spec), Lookup, globalDefault: null);
        Assert.Equal((field, message), (cause?.Field, cause?.Message));
        Assert.True(cause is null || cause.Reason == "FieldValueForbidden");
    }
}
