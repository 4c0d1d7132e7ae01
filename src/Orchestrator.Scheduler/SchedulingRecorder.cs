using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Grains;
using Orchestrator.Grains.Objects;
using Orchestrator.Scheduling.Model;
using Orchestrator.Storage;

namespace Orchestrator.Scheduler;

/// <summary>
/// How the scheduler explains itself where users look: core/v1 Events (Scheduled, FailedScheduling, Preempted)
/// shown by <c>kubectl describe pod</c>, the pod's PodScheduled condition and status.nominatedNodeName, and the
/// graceful deletion of preemption victims. Writes go straight to the resource shards, as the API server's would.
/// </summary>
internal sealed class SchedulingRecorder(IGrainFactory grains, ObjectLog log, TimeProvider clock, string component)
{
    private const int Attempts = 4;

    public Task ScheduledAsync(PodInfo pod, string node) =>
        EventAsync(pod, "Normal", "Scheduled", $"Successfully assigned {pod.Namespace}/{pod.Name} to {node}");

    /// <summary>FailedScheduling with the core's message, and PodScheduled=False (reason Unschedulable) on the pod.</summary>
    public async Task UnschedulableAsync(PodInfo pod, string message, string? nominatedNode)
    {
        await EventAsync(pod, "Warning", "FailedScheduling", message);
        await UpdatePodAsync(pod, obj =>
        {
            if (obj["spec"]?["nodeName"]?.ToString() is { Length: > 0 })
            {
                // Another scheduler (or a manual binding) placed it meanwhile: "unschedulable" is no longer true.
                return false;
            }
            var status = obj["status"] as JsonObject ?? [];
            obj["status"] = status;
            var changed = SetCondition(status, "PodScheduled", "False", "Unschedulable", message);
            if (nominatedNode is not null && status["nominatedNodeName"]?.ToString() != nominatedNode)
            {
                status["nominatedNodeName"] = nominatedNode;
                changed = true;
            }
            return changed;
        });
    }

    /// <summary>Starts the graceful termination of a preemption victim, marks why (DisruptionTarget) and says so.</summary>
    public async Task PreemptAsync(PodInfo victim, PodInfo preemptor, string node)
    {
        await UpdatePodAsync(victim, obj =>
        {
            var metadata = (JsonObject)obj["metadata"]!;
            if (metadata["deletionTimestamp"] is not null)
            {
                return false;
            }
            var grace = obj["spec"]?["terminationGracePeriodSeconds"] is JsonValue g && g.TryGetValue<long>(out var seconds) ? seconds : 30;
            metadata["deletionTimestamp"] = Timestamp(clock.GetUtcNow().AddSeconds(grace));
            metadata["deletionGracePeriodSeconds"] = grace;
            var status = obj["status"] as JsonObject ?? [];
            obj["status"] = status;
            SetCondition(status, "DisruptionTarget", "True", "PreemptionByScheduler", $"{component}: preempting to accommodate a higher priority pod");
            return true;
        });
        await EventAsync(victim, "Normal", "Preempted", $"Preempted by pod {preemptor.Uid} on node {node}");
    }

    private async Task UpdatePodAsync(PodInfo pod, Func<JsonObject, bool> change)
    {
        var shard = grains.GetGrain<IResourceShardGrain>(ShardKey.Of("/pods", pod.Namespace));
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = log.Cache.Get(new ObjectKey("/pods", pod.Namespace, pod.Name));
            if (stored is null || stored.Summary.Uid != pod.Uid)
            {
                return;
            }
            var obj = JsonNode.Parse(stored.Json)!.AsObject();
            if (!change(obj))
            {
                return;
            }
            var outcome = await shard.UpdateAsync(pod.Name, new(ObjectPreparation.Prepare("/pods", obj)), new WritePrecondition(stored.Revision, pod.Uid));
            if (outcome.Status != WriteStatus.Conflict)
            {
                return;
            }
        }
    }

    private async Task EventAsync(PodInfo pod, string type, string reason, string message)
    {
        var now = clock.GetUtcNow();
        var timestamp = Timestamp(now);
        // Kubernetes names an event after its object and the time in nanoseconds, in hex.
        var name = $"{pod.Name}.{((now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).ToString("x", CultureInfo.InvariantCulture)}";
        var obj = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = pod.Namespace,
                ["uid"] = Guid.NewGuid().ToString(),
                ["creationTimestamp"] = timestamp,
            },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = "Pod",
                ["namespace"] = pod.Namespace,
                ["name"] = pod.Name,
                ["uid"] = pod.Uid,
                ["apiVersion"] = "v1",
            },
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = new JsonObject { ["component"] = component },
            ["firstTimestamp"] = timestamp,
            ["lastTimestamp"] = timestamp,
            ["count"] = 1,
            ["type"] = type,
            ["eventTime"] = null,
            ["reportingComponent"] = component,
            ["reportingInstance"] = component,
        };
        var shard = grains.GetGrain<IResourceShardGrain>(ShardKey.Of("/events", pod.Namespace));
        await shard.CreateAsync(name, new(ObjectPreparation.Prepare("/events", obj)));
    }

    private bool SetCondition(JsonObject status, string type, string value, string reason, string message)
    {
        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() == type);
        if (existing is not null && existing["status"]?.ToString() == value && existing["reason"]?.ToString() == reason && existing["message"]?.ToString() == message)
        {
            return false;
        }
        var transition = existing is not null && existing["status"]?.ToString() == value
            ? existing["lastTransitionTime"]?.DeepClone()
            : Timestamp(clock.GetUtcNow());
        if (existing is not null)
        {
            conditions.Remove(existing);
        }
        conditions.Add(new JsonObject
        {
            ["type"] = type,
            ["status"] = value,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = transition,
            ["reason"] = reason,
            ["message"] = message,
        });
        return true;
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
