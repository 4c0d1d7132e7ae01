using System.Text.Json.Nodes;
using Orchestrator.Core.Resources;

namespace Orchestrator.Tables.Tests;

public class TableConverterTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ResourceRegistry Registry = ResourceRegistry.BuiltIn;
    private static readonly ResourceDescriptor Pods = Registry.Find("", "v1", "pods")!;

    public static TheoryData<string, string, string, string> Headers => new()
    {
        // group, plural -> kubectl's default header, then the extra -o wide columns
        { "", "pods", "NAME READY STATUS RESTARTS AGE", "IP NODE NOMINATED-NODE READINESS-GATES" },
        { "", "nodes", "NAME STATUS ROLES AGE VERSION", "INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME" },
        { "", "namespaces", "NAME STATUS AGE", "" },
        { "", "events", "LAST-SEEN TYPE REASON OBJECT MESSAGE", "SUBOBJECT SOURCE FIRST-SEEN COUNT NAME" },
        { "events.k8s.io", "events", "LAST-SEEN TYPE REASON OBJECT MESSAGE", "SUBOBJECT SOURCE FIRST-SEEN COUNT NAME" },
        { "", "services", "NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE", "SELECTOR" },
        { "", "endpoints", "NAME ENDPOINTS AGE", "" },
        { "", "configmaps", "NAME DATA AGE", "" },
        { "", "secrets", "NAME TYPE DATA AGE", "" },
        { "apps", "deployments", "NAME READY UP-TO-DATE AVAILABLE AGE", "CONTAINERS IMAGES SELECTOR" },
        { "apps", "replicasets", "NAME DESIRED CURRENT READY AGE", "CONTAINERS IMAGES SELECTOR" },
        { "coordination.k8s.io", "leases", "NAME HOLDER AGE", "" },
        { "scheduling.k8s.io", "priorityclasses", "NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY", "" },
        { "policy", "poddisruptionbudgets", "NAME MIN-AVAILABLE MAX-UNAVAILABLE ALLOWED-DISRUPTIONS AGE", "" },
        { "", "bindings", "NAME AGE", "" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Column_definitions_give_kubectls_headers(string group, string plural, string defaultHeader, string wideHeader)
    {
        var columns = TableConverter.ColumnDefinitions(Registry.Find(group, "v1", plural)!).Select(c => c!.AsObject()).ToList();

        // kubectl upper-cases names and joins their words with "-" (printers.go: "Nominated Node" -> NOMINATED NODE on
        // screen); dashes here keep one header per word in the assertion.
        string Header(int priority) => string.Join(" ", columns
            .Where(c => (int)c["priority"]! == priority)
            .Select(c => ((string)c["name"]!).ToUpperInvariant().Replace(' ', '-')));
        Assert.Equal(defaultHeader, Header(0));
        Assert.Equal(wideHeader, Header(1));
    }

    [Fact]
    public void Every_column_carries_all_five_fields_and_only_name_columns_have_a_format()
    {
        foreach (var resource in Registry.All)
        {
            foreach (var column in TableConverter.ColumnDefinitions(resource).Select(c => c!.AsObject()))
            {
                Assert.Equal(["name", "type", "format", "description", "priority"], column.Select(kv => kv.Key));
                Assert.Equal((string)column["name"]! == "Name" ? "name" : "", (string)column["format"]!);
                Assert.NotEqual("", (string)column["description"]!);
            }
        }
    }

    [Fact]
    public void A_table_has_kind_api_version_list_metadata_columns_and_one_row_per_object()
    {
        var table = TableConverter.ToTable(Pods, [Pod("a", "5"), Pod("b", "6")], Now, new TableOptions(ResourceVersion: "42", Continue: "token"));

        Assert.Equal("Table", (string)table["kind"]!);
        Assert.Equal("meta.k8s.io/v1", (string)table["apiVersion"]!);
        Assert.Equal("""{"resourceVersion":"42","continue":"token"}""", table["metadata"]!.ToJsonString());
        Assert.Equal(9, table["columnDefinitions"]!.AsArray().Count);
        Assert.Equal(["a", "b"], table["rows"]!.AsArray().Select(r => (string)r!["cells"]![0]!));
    }

    [Fact]
    public void Rows_carry_partial_object_metadata_by_default()
    {
        var pod = Pod("a", "5");

        var row = TableConverter.ToTable(Pods, [pod], Now, new TableOptions())["rows"]![0]!;

        Assert.Equal(
            """{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"a","namespace":"default","resourceVersion":"5","creationTimestamp":"2024-01-01T11:00:00Z"}}""",
            row["object"]!.ToJsonString());
    }

    [Fact]
    public void Rows_carry_a_copy_of_the_whole_object_when_asked_and_the_input_is_untouched()
    {
        var pod = Pod("a", "5");

        var row = TableConverter.ToTable(Pods, [pod], Now, new TableOptions(IncludeObject.Object))["rows"]![0]!;

        Assert.True(JsonNode.DeepEquals(pod, row["object"]));
        Assert.NotSame(pod, row["object"]);
        Assert.Null(pod.Parent);
    }

    [Fact]
    public void Rows_carry_no_object_when_asked_for_none()
    {
        var row = TableConverter.ToTable(Pods, [Pod("a", "5")], Now, new TableOptions(IncludeObject.None))["rows"]![0]!.AsObject();

        Assert.False(row.ContainsKey("object"));
    }

    [Fact]
    public void Without_headers_column_definitions_are_null_as_on_a_watch_after_the_first_event()
    {
        var table = TableConverter.ToTable(Pods, [Pod("a", "5")], Now, new TableOptions(NoHeaders: true));

        Assert.True(table.ContainsKey("columnDefinitions"));
        Assert.Null(table["columnDefinitions"]);
    }

    [Fact]
    public void A_single_object_lends_its_resource_version_when_none_is_given()
    {
        var one = TableConverter.ToTable(Pods, [Pod("a", "5")], Now, new TableOptions());
        var two = TableConverter.ToTable(Pods, [Pod("a", "5"), Pod("b", "6")], Now, new TableOptions());

        Assert.Equal("""{"resourceVersion":"5"}""", one["metadata"]!.ToJsonString());
        Assert.Equal("{}", two["metadata"]!.ToJsonString());
    }

    [Fact]
    public void An_empty_list_has_an_empty_rows_array()
    {
        var table = TableConverter.ToTable(Pods, [], Now, new TableOptions(ResourceVersion: "7"));

        Assert.Empty(table["rows"]!.AsArray());
    }

    [Fact]
    public void Finished_pods_rows_carry_conditions_and_others_do_not()
    {
        var done = Pod("done", "1");
        done["status"] = new JsonObject { ["phase"] = "Succeeded" };

        var rows = TableConverter.ToTable(Pods, [done, Pod("running", "2")], Now, new TableOptions())["rows"]!.AsArray();

        Assert.Equal("Completed", (string)rows[0]!["conditions"]![0]!["type"]!);
        Assert.False(rows[1]!.AsObject().ContainsKey("conditions"));
    }

    private static JsonObject Pod(string name, string resourceVersion) => JsonNode.Parse($$"""
        {
          "apiVersion": "v1", "kind": "Pod",
          "metadata": {"name": "{{name}}", "namespace": "default", "resourceVersion": "{{resourceVersion}}", "creationTimestamp": "2024-01-01T11:00:00Z"},
          "spec": {"containers": [{"name": "app", "image": "nginx"}]},
          "status": {"phase": "Running"}
        }
        """)!.AsObject();
}
