using System.Text.Json.Nodes;
using Orchestrator.Tables.Printers;

namespace Orchestrator.Tables.Tests.Printers;

public class SimplePrinterTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Meta = """ "metadata":{"name":"x","creationTimestamp":"2024-01-01T11:59:50Z"} """;

    [Fact]
    public void A_namespace_prints_its_phase() =>
        Assert.Equal(["x", "Active", "10s"], Cells(new NamespacePrinter(), """ "status":{"phase":"Active"} """).Select(c => (string)c!));

    [Fact]
    public void A_config_map_counts_data_and_binary_data_keys()
    {
        var cells = Cells(new ConfigMapPrinter(), """ "data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="} """);

        Assert.Equal(3L, (long)cells[1]!);
    }

    [Fact]
    public void A_secret_prints_type_and_data_count()
    {
        var cells = Cells(new SecretPrinter(), """ "type":"Opaque","data":{"a":"MQ=="} """);

        Assert.Equal("Opaque", (string)cells[1]!);
        Assert.Equal(1L, (long)cells[2]!);
    }

    [Theory]
    [InlineData(""" "spec":{"holderIdentity":"n1"} """, "n1")]
    [InlineData(""" "spec":{} """, "")]
    public void A_lease_prints_its_holder(string body, string holder) =>
        Assert.Equal(holder, (string)Cells(new LeasePrinter(), body)[1]!);

    [Fact]
    public void A_priority_class_prints_value_global_default_as_boolean_and_preemption_policy()
    {
        var cells = Cells(new PriorityClassPrinter(), """ "value":1000000,"globalDefault":true,"preemptionPolicy":"Never" """);

        Assert.Equal(1000000L, (long)cells[1]!);
        Assert.True((bool)cells[2]!);
        Assert.Equal("Never", (string)cells[4]!);
    }

    [Fact]
    public void A_priority_class_without_optional_fields_is_not_global_default_and_has_no_policy()
    {
        var cells = Cells(new PriorityClassPrinter(), """ "value":5 """);

        Assert.False((bool)cells[2]!);
        Assert.Equal("", (string)cells[4]!);
    }

    [Theory]
    [InlineData(""" "spec":{"minAvailable":1},"status":{"disruptionsAllowed":2} """, "1", "N/A", 2L)]
    [InlineData(""" "spec":{"maxUnavailable":"25%"} """, "N/A", "25%", 0L)]
    public void A_pod_disruption_budget_prints_int_or_string_bounds(string body, string min, string max, long allowed)
    {
        var cells = Cells(new PodDisruptionBudgetPrinter(), body);

        Assert.Equal([min, max], [(string)cells[1]!, (string)cells[2]!]);
        Assert.Equal(allowed, (long)cells[3]!);
    }

    [Fact]
    public void Any_other_kind_prints_name_and_age() =>
        Assert.Equal(["x", "10s"], Cells(DefaultPrinter.Instance, """ "spec":{} """).Select(c => (string)c!));

    private static JsonArray Cells(ITablePrinter printer, string body) =>
        printer.Print(JsonNode.Parse($"{{{Meta},{body}}}")!.AsObject(), Now).Cells;
}
