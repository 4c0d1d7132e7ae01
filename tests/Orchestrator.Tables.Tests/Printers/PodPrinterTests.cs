using System.Text.Json.Nodes;
using Orchestrator.Tables.Printers;

namespace Orchestrator.Tables.Tests.Printers;

public class PodPrinterTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private const string OneContainer = """{"containers":[{"name":"app"}]}""";
    private const string TwoContainers = """{"containers":[{"name":"a"},{"name":"b"}]}""";
    private const string OneInit = """{"initContainers":[{"name":"init"}],"containers":[{"name":"app"}]}""";
    private const string TwoInits = """{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"app"}]}""";
    private const string Sidecar = """{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"app"}]}""";
    private const string Deleted = ""","deletionTimestamp":"2024-01-01T11:59:00Z" """;

    public static TheoryData<string, string, string, string, string, string> Pods => new()
    {
        // spec, status, extra metadata -> READY, STATUS, RESTARTS
        { OneContainer, """{"phase":"Running","containerStatuses":[{"name":"app","ready":true,"state":{"running":{}}}]}""", "", "1/1", "Running", "0" },
        { OneContainer, """{"phase":"Pending"}""", "", "0/1", "Pending", "0" },
        { OneContainer, """{"phase":"Pending","containerStatuses":[{"name":"app","state":{"waiting":{"reason":"ContainerCreating"}}}]}""", "", "0/1", "ContainerCreating", "0" },
        { OneContainer, """{"phase":"Pending","containerStatuses":[{"name":"app","state":{"waiting":{"reason":"ErrImagePull"}}}]}""", "", "0/1", "ErrImagePull", "0" },

        // 5 restarts, the last one finished at 11:55, 5 minutes before now.
        {
            OneContainer,
            """{"phase":"Running","containerStatuses":[{"name":"app","restartCount":5,"state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-01-01T11:55:00Z"}}}]}""",
            "", "0/1", "CrashLoopBackOff", "5 (5m ago)"
        },

        // Restarts without a recorded termination time print no "ago".
        { OneContainer, """{"phase":"Running","containerStatuses":[{"name":"app","restartCount":4,"ready":true,"state":{"running":{}}}]}""", "", "1/1", "Running", "4" },
        { OneContainer, """{"phase":"Succeeded","containerStatuses":[{"name":"app","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}""", "", "0/1", "Completed", "0" },
        { OneContainer, """{"phase":"Failed","containerStatuses":[{"name":"app","state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}""", "", "0/1", "Error", "0" },
        { OneContainer, """{"phase":"Failed","containerStatuses":[{"name":"app","state":{"terminated":{"exitCode":137}}}]}""", "", "0/1", "ExitCode:137", "0" },
        { OneContainer, """{"phase":"Failed","containerStatuses":[{"name":"app","state":{"terminated":{"exitCode":137,"signal":9}}}]}""", "", "0/1", "Signal:9", "0" },

        // status.reason beats the phase.
        { OneContainer, """{"phase":"Failed","reason":"Evicted"}""", "", "0/1", "Evicted", "0" },
        { OneContainer, """{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}""", "", "0/1", "SchedulingGated", "0" },

        // Init containers: the first unfinished one decides, numbered from 0.
        { OneInit, """{"phase":"Pending","initContainerStatuses":[{"name":"init","state":{"running":{}}}]}""", "", "0/1", "Init:0/1", "0" },
        { OneInit, """{"phase":"Pending","initContainerStatuses":[{"name":"init","state":{"waiting":{"reason":"PodInitializing"}}}]}""", "", "0/1", "Init:0/1", "0" },
        { OneInit, """{"phase":"Pending","initContainerStatuses":[{"name":"init","state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}""", "", "0/1", "Init:Error", "0" },
        { OneInit, """{"phase":"Pending","initContainerStatuses":[{"name":"init","state":{"terminated":{"exitCode":2}}}]}""", "", "0/1", "Init:ExitCode:2", "0" },
        { OneInit, """{"phase":"Pending","initContainerStatuses":[{"name":"init","state":{"terminated":{"exitCode":2,"signal":15}}}]}""", "", "0/1", "Init:Signal:15", "0" },

        // i1 finished with exit 0, i2 still running: index 1 of 2.
        {
            TwoInits,
            """{"phase":"Pending","initContainerStatuses":[{"name":"i1","state":{"terminated":{"exitCode":0}}},{"name":"i2","state":{"running":{}}}]}""",
            "", "0/1", "Init:1/2", "0"
        },

        // While initializing, init container restarts count: 4, the last 20 s ago.
        {
            OneInit,
            """{"phase":"Pending","initContainerStatuses":[{"name":"init","restartCount":4,"state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-01-01T11:59:40Z"}}}]}""",
            "", "0/1", "Init:CrashLoopBackOff", "4 (20s ago)"
        },

        // Once initialized, plain init container restarts (2) are dropped; only the app's 1 remains.
        {
            OneInit,
            """{"phase":"Running","initContainerStatuses":[{"name":"init","restartCount":2,"state":{"terminated":{"exitCode":0}}}],"containerStatuses":[{"name":"app","restartCount":1,"ready":true,"state":{"running":{}}}]}""",
            "", "1/1", "Running", "1"
        },

        // A started sidecar counts in READY (2/2) and its restarts stay: 2 + 1 = 3, the latest 10m ago (app), not 1h (sidecar).
        {
            Sidecar,
            """
            {"phase":"Running","conditions":[{"type":"Initialized","status":"True"}],
             "initContainerStatuses":[{"name":"proxy","started":true,"ready":true,"restartCount":2,"state":{"running":{}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-01-01T11:00:00Z"}}}],
             "containerStatuses":[{"name":"app","ready":true,"restartCount":1,"state":{"running":{}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-01-01T11:50:00Z"}}}]}
            """,
            "", "2/2", "Running", "3 (10m ago)"
        },

        // b is walked first (running, ready), then a sets "Completed"; a container still runs, so Running if the pod is Ready.
        {
            TwoContainers,
            """{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":0,"reason":"Completed"}}},{"name":"b","ready":true,"state":{"running":{}}}]}""",
            "", "1/2", "Running", "0"
        },
        {
            TwoContainers,
            """{"phase":"Running","containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":0,"reason":"Completed"}}},{"name":"b","ready":true,"state":{"running":{}}}]}""",
            "", "1/2", "NotReady", "0"
        },

        // With several containers the first one's reason wins (the loop runs backwards).
        {
            TwoContainers,
            """{"phase":"Pending","containerStatuses":[{"name":"a","state":{"waiting":{"reason":"ImagePullBackOff"}}},{"name":"b","state":{"waiting":{"reason":"ContainerCreating"}}}]}""",
            "", "0/2", "ImagePullBackOff", "0"
        },

        // Deletion: Terminating unless already finished; NodeLost pods being deleted are Unknown.
        { OneContainer, """{"phase":"Running","containerStatuses":[{"name":"app","ready":true,"state":{"running":{}}}]}""", Deleted, "1/1", "Terminating", "0" },
        { OneContainer, """{"phase":"Succeeded","containerStatuses":[{"name":"app","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}""", Deleted, "0/1", "Completed", "0" },
        { OneContainer, """{"phase":"Running","reason":"NodeLost"}""", Deleted, "0/1", "Unknown", "0" },
    };

    [Theory]
    [MemberData(nameof(Pods))]
    public void Ready_status_and_restarts_match_kubectl(string spec, string status, string metadata, string ready, string statusCell, string restarts)
    {
        var cells = new PodPrinter().Print(Pod(spec, status, metadata), Now).Cells;

        Assert.Equal([ready, statusCell, restarts], [(string)cells[1]!, (string)cells[2]!, (string)cells[3]!]);
    }

    [Fact]
    public void Wide_cells_show_ip_node_nominated_node_and_readiness_gates()
    {
        var pod = Pod(
            """{"nodeName":"n1","containers":[{"name":"app"}],"readinessGates":[{"conditionType":"g1"},{"conditionType":"g2"}]}""",
            """{"phase":"Running","podIPs":[{"ip":"10.0.0.7"},{"ip":"fd00::7"}],"conditions":[{"type":"g1","status":"True"},{"type":"g2","status":"False"}]}""");

        var cells = new PodPrinter().Print(pod, Now).Cells;

        // Created 11:00, now 12:00: 60 minutes is under 3 hours, so "60m".
        Assert.Equal(["p", "0/1", "Running", "0", "60m", "10.0.0.7", "n1", "<none>", "1/2"], cells.Select(c => (string)c!));
    }

    [Fact]
    public void Unscheduled_pods_show_none_for_ip_node_and_gates()
    {
        var cells = new PodPrinter().Print(Pod(OneContainer, """{"phase":"Pending"}"""), Now).Cells;

        Assert.Equal(["<none>", "<none>", "<none>", "<none>"], cells.Skip(5).Select(c => (string)c!));
    }

    [Theory]
    [InlineData("Succeeded", "The pod has completed successfully.")]
    [InlineData("Failed", "The pod failed.")]
    public void Finished_pods_carry_a_Completed_row_condition(string phase, string message)
    {
        var conditions = new PodPrinter().Print(Pod(OneContainer, $$"""{"phase":"{{phase}}"}"""), Now).Conditions;

        var condition = Assert.IsType<JsonObject>(Assert.Single(conditions!));
        Assert.Equal("Completed", (string)condition["type"]!);
        Assert.Equal("True", (string)condition["status"]!);
        Assert.Equal(phase, (string)condition["reason"]!);
        Assert.Equal(message, (string)condition["message"]!);
    }

    [Fact]
    public void Running_pods_carry_no_row_conditions() =>
        Assert.Null(new PodPrinter().Print(Pod(OneContainer, """{"phase":"Running"}"""), Now).Conditions);

    private static JsonObject Pod(string spec, string status, string metadata = "") => JsonNode.Parse(
        $$"""{"metadata":{"name":"p","creationTimestamp":"2024-01-01T11:00:00Z"{{metadata}}},"spec":{{spec}},"status":{{status}}}""")!.AsObject();
}
