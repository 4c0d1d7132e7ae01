using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>printPod: READY, the aggregate STATUS kubectl users know, and RESTARTS with how long ago.</summary>
internal sealed class PodPrinter : ITablePrinter
{
    private const string NodeUnreachablePodReason = "NodeLost";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        TableColumn.AgeColumn,
        TableColumn.Wide("IP", "string", Descriptions.PodStatusPodIP),
        TableColumn.Wide("Node", "string", Descriptions.PodSpecNodeName),
        TableColumn.Wide("Nominated Node", "string", Descriptions.PodStatusNominatedNodeName),
        TableColumn.Wide("Readiness Gates", "string", Descriptions.PodSpecReadinessGates),
    ];

    public PrintedRow Print(JsonObject pod, DateTimeOffset now)
    {
        var status = PodStatus.Of(pod);
        var restarts = status.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (status.Restarts != 0 && status.LastRestart is { } last)
        {
            restarts = $"{status.Restarts} ({HumanDuration.Since(last, now)} ago)";
        }

        var podIP = pod.Objects("status", "podIPs").Select(ip => ip.Str("ip")).FirstOrDefault() ?? "";
        var cells = new JsonArray(
            ObjectAge.Name(pod),
            $"{status.ReadyContainers}/{status.TotalContainers}",
            status.Reason,
            restarts,
            ObjectAge.Age(pod, now),
            OrNone(podIP),
            OrNone(pod.Str("spec", "nodeName")),
            OrNone(pod.Str("status", "nominatedNodeName")),
            ReadinessGates(pod));
        return new PrintedRow(cells, CompletedCondition(pod.Str("status", "phase")));
    }

    private static string OrNone(string s) => s.Length == 0 ? "<none>" : s;

    private static string ReadinessGates(JsonObject pod)
    {
        var gates = pod.Objects("spec", "readinessGates").ToList();
        if (gates.Count == 0)
        {
            return "<none>";
        }

        var conditions = pod.Objects("status", "conditions").ToList();
        var passing = gates.Count(gate =>
            conditions.FirstOrDefault(c => c.Str("type") == gate.Str("conditionType")) is { } c && c.Str("status") == "True");
        return $"{passing}/{gates.Count}";
    }

    // kubectl hides nothing on these today, but the server marks finished pods so clients can.
    private static JsonArray? CompletedCondition(string phase) => phase switch
    {
        "Succeeded" => [Condition("Succeeded", "The pod has completed successfully.")],
        "Failed" => [Condition("Failed", "The pod failed.")],
        _ => null,
    };

    private static JsonObject Condition(string reason, string message) => new()
    {
        ["type"] = "Completed",
        ["status"] = "True",
        ["reason"] = reason,
        ["message"] = message,
    };

    /// <summary>The STATUS/READY/RESTARTS arithmetic of printPod, kept apart from cell layout.</summary>
    internal sealed record PodStatus(string Reason, int ReadyContainers, int TotalContainers, long Restarts, DateTimeOffset? LastRestart)
    {
        public static PodStatus Of(JsonObject pod)
        {
            var phase = pod.Str("status", "phase");
            var reason = pod.Str("status", "reason") is { Length: > 0 } r ? r : phase;
            if (pod.Objects("status", "conditions").Any(c => c.Str("type") == "PodScheduled" && c.Str("reason") == "SchedulingGated"))
            {
                reason = "SchedulingGated";
            }

            var initSpecs = pod.Objects("spec", "initContainers").ToList();
            var restartable = initSpecs.Where(c => c.Str("restartPolicy") == "Always").Select(c => c.Str("name")).ToHashSet();
            var total = pod.Count("spec", "containers") + restartable.Count;
            var ready = 0;
            long restarts = 0;
            long restartableRestarts = 0;
            DateTimeOffset? lastRestart = null;
            DateTimeOffset? lastRestartableRestart = null;

            var initializing = false;
            var initStatuses = pod.Objects("status", "initContainerStatuses").ToList();
            for (var i = 0; i < initStatuses.Count; i++)
            {
                var c = initStatuses[i];
                var isRestartable = restartable.Contains(c.Str("name"));
                restarts += c.Long("restartCount");
                lastRestart = Later(lastRestart, c.Time("lastState", "terminated", "finishedAt"));
                if (isRestartable)
                {
                    restartableRestarts += c.Long("restartCount");
                    lastRestartableRestart = Later(lastRestartableRestart, c.Time("lastState", "terminated", "finishedAt"));
                }

                var terminated = c.At("state", "terminated") as JsonObject;
                var waitingReason = c.Str("state", "waiting", "reason");
                if (terminated is not null && terminated.Long("exitCode") == 0)
                {
                    continue;
                }

                if (isRestartable && c.Bool("started"))
                {
                    // A sidecar that has started counts towards READY like a regular container.
                    ready += c.Bool("ready") ? 1 : 0;
                    continue;
                }

                initializing = true;
                if (terminated is not null)
                {
                    reason = "Init:" + TerminatedReason(terminated);
                }
                else if (waitingReason.Length > 0 && waitingReason != "PodInitializing")
                {
                    reason = "Init:" + waitingReason;
                }
                else
                {
                    reason = $"Init:{i}/{initSpecs.Count}";
                }

                break;
            }

            if (!initializing || IsInitialized(pod))
            {
                // Only sidecar restarts carry over once init containers are done.
                restarts = restartableRestarts;
                lastRestart = lastRestartableRestart;
                var hasRunning = false;
                var statuses = pod.Objects("status", "containerStatuses").ToList();

                // Walked backwards, so the first container's reason wins, as in printPod.
                for (var i = statuses.Count - 1; i >= 0; i--)
                {
                    var c = statuses[i];
                    restarts += c.Long("restartCount");
                    lastRestart = Later(lastRestart, c.Time("lastState", "terminated", "finishedAt"));
                    var terminated = c.At("state", "terminated") as JsonObject;
                    if (c.Str("state", "waiting", "reason") is { Length: > 0 } waiting)
                    {
                        reason = waiting;
                    }
                    else if (terminated is not null)
                    {
                        reason = TerminatedReason(terminated);
                    }
                    else if (c.Bool("ready") && c.Has("state", "running"))
                    {
                        hasRunning = true;
                        ready++;
                    }
                }

                if (reason == "Completed" && hasRunning)
                {
                    reason = HasCondition(pod, "Ready") ? "Running" : "NotReady";
                }
            }

            if (pod.Has("metadata", "deletionTimestamp") && pod.Str("status", "reason") == NodeUnreachablePodReason)
            {
                reason = "Unknown";
            }
            else if (pod.Has("metadata", "deletionTimestamp") && phase is not ("Succeeded" or "Failed"))
            {
                reason = "Terminating";
            }

            return new PodStatus(reason, ready, total, restarts, lastRestart);
        }

        private static string TerminatedReason(JsonObject terminated)
        {
            if (terminated.Str("reason") is { Length: > 0 } reason)
            {
                return reason;
            }

            return terminated.Long("signal") != 0
                ? $"Signal:{terminated.Long("signal")}"
                : $"ExitCode:{terminated.Long("exitCode")}";
        }

        private static DateTimeOffset? Later(DateTimeOffset? current, DateTimeOffset? candidate) =>
            candidate is { } c && (current is null || current < c) ? c : current;

        private static bool IsInitialized(JsonObject pod) =>
            pod.Objects("status", "conditions").FirstOrDefault(c => c.Str("type") == "Initialized") is { } c && c.Str("status") == "True";

        private static bool HasCondition(JsonObject pod, string type) =>
            pod.Objects("status", "conditions").Any(c => c.Str("type") == type && c.Str("status") == "True");
    }
}
