using k8s.Models;

namespace Orchestrator.Agent.Pods;

/// <summary>The status a kubelet would report for a pod, from what its worker knows and the time: phase, conditions, container statuses.</summary>
/// <remarks>
/// Readiness is "running": probes are not run yet. Pods share the host's network, so podIP is the node's IP. A condition
/// keeps its lastTransitionTime from <c>previous</c> while its status holds, as the kubelet keeps it.
/// </remarks>
public static class PodStatusBuilder
{
    public static V1PodStatus Build(V1Pod pod, PodSnapshot snapshot, V1PodStatus? previous, string hostIp, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(snapshot);
        var initStatuses = snapshot.InitContainers.Select(c => Status(c, init: true, snapshot.Terminal)).ToList();
        var statuses = snapshot.Containers.Select(c => Status(c, init: false, snapshot.Terminal)).ToList();
        var phase = IsTerminal(previous?.Phase)
            ? previous!.Phase
            : PodPhases.Compute(pod.Spec?.RestartPolicy, initStatuses, statuses, snapshot.Terminal);

        var notInitialized = initStatuses.Where(s => s.State.Terminated is not { ExitCode: 0 }).Select(s => s.Name).ToList();
        var notReady = statuses.Where(s => s.Ready != true).Select(s => s.Name).ToList();
        var completed = phase == PodPhases.Succeeded;
        var conditions = new List<V1PodCondition>
        {
            Condition(previous, "PodReadyToStartContainers", snapshot.VolumesReady, null, null, now),
            Condition(previous, "Initialized", notInitialized.Count == 0 || completed,
                completed ? "PodCompleted" : notInitialized.Count > 0 ? "ContainersNotInitialized" : null,
                notInitialized.Count > 0 && !completed ? $"containers with incomplete status: [{string.Join(' ', notInitialized)}]" : null, now),
            Condition(previous, "Ready", notReady.Count == 0 && !snapshot.Terminal, NotReadyReason(completed, notReady), NotReadyMessage(completed, notReady), now),
            Condition(previous, "ContainersReady", notReady.Count == 0 && !snapshot.Terminal, NotReadyReason(completed, notReady), NotReadyMessage(completed, notReady), now),
            Scheduled(pod, previous, now),
        };
        return new V1PodStatus
        {
            Phase = phase,
            Conditions = conditions,
            HostIP = hostIp,
            HostIPs = [new V1HostIP { Ip = hostIp }],
            PodIP = hostIp,
            PodIPs = [new V1PodIP { Ip = hostIp }],
            StartTime = snapshot.StartTime,
            QosClass = pod.Status?.QosClass,
            InitContainerStatuses = initStatuses.Count == 0 ? null : initStatuses,
            ContainerStatuses = statuses,
        };
    }

    private static bool IsTerminal(string? phase) => PodPhases.IsTerminal(phase);

    private static V1ContainerStatus Status(ContainerSnapshot container, bool init, bool podTerminal)
    {
        var running = container.State.Running is not null;
        return new V1ContainerStatus
        {
            Name = container.Name,
            Image = container.Image ?? "",
            ImageID = container.ImageId ?? "",
            ContainerID = container.ContainerId,
            // An init container is ready once it has succeeded; a container while it runs and its probes say so.
            Ready = init ? container.State.Terminated is { ExitCode: 0 } : running && !podTerminal && container.ProbedReady != false,
            Started = running && container.ProbedStarted != false,
            RestartCount = container.RestartCount,
            State = container.State,
            LastState = container.LastTerminated is null ? new V1ContainerState() : new V1ContainerState { Terminated = container.LastTerminated },
        };
    }

    private static string? NotReadyReason(bool completed, List<string> notReady) =>
        completed ? "PodCompleted" : notReady.Count > 0 ? "ContainersNotReady" : null;

    private static string? NotReadyMessage(bool completed, List<string> notReady) =>
        !completed && notReady.Count > 0 ? $"containers with unready status: [{string.Join(' ', notReady)}]" : null;

    // The scheduler sets PodScheduled when it binds; a pod bound by hand (spec.nodeName in the manifest) gets it here.
    private static V1PodCondition Scheduled(V1Pod pod, V1PodStatus? previous, DateTime now) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "True")
        ?? Condition(previous, "PodScheduled", true, null, null, now);

    private static V1PodCondition Condition(V1PodStatus? previous, string type, bool isTrue, string? reason, string? message, DateTime now)
    {
        var status = isTrue ? "True" : "False";
        var before = previous?.Conditions?.FirstOrDefault(c => c.Type == type);
        return new V1PodCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastProbeTime = null,
            LastTransitionTime = before?.Status == status && before.LastTransitionTime is { } since ? since : now,
        };
    }
}
