using k8s.Models;

namespace Orchestrator.Simulation;

/// <summary>The status a kubelet reports once every container of a pod has started and passed its probes.</summary>
public static class RunningPodStatus
{
    public static V1PodStatus Build(V1Pod pod, string hostIp, string podIp, DateTime now)
    {
        var started = pod.Status?.StartTime ?? now;
        var initContainers = pod.Spec?.InitContainers ?? [];
        var containers = pod.Spec?.Containers ?? [];
        return new V1PodStatus
        {
            Phase = "Running",
            HostIP = hostIp,
            HostIPs = [new V1HostIP { Ip = hostIp }],
            PodIP = podIp,
            PodIPs = [new V1PodIP { Ip = podIp }],
            StartTime = started,
            QosClass = pod.Status?.QosClass,
            Conditions =
            [
                Condition(pod, "PodReadyToStartContainers", now),
                Condition(pod, "Initialized", now),
                Condition(pod, "Ready", now),
                Condition(pod, "ContainersReady", now),
                Condition(pod, "PodScheduled", now),
            ],
            InitContainerStatuses = initContainers.Count == 0 ? null : [.. initContainers.Select(c => InitStatus(pod, c, started, now))],
            ContainerStatuses = [.. containers.Select(c => Running(pod, c, now))],
        };
    }

    /// <summary>An init container has run to completion; a sidecar (restartPolicy Always) keeps running.</summary>
    private static V1ContainerStatus InitStatus(V1Pod pod, V1Container container, DateTime started, DateTime now)
    {
        if (container.RestartPolicy == "Always")
        {
            return Running(pod, container, now);
        }
        var status = Running(pod, container, now);
        status.Ready = true;
        status.Started = false;
        status.State = new V1ContainerState
        {
            Terminated = new V1ContainerStateTerminated
            {
                ExitCode = 0,
                Reason = "Completed",
                StartedAt = started,
                FinishedAt = now,
                ContainerID = status.ContainerID,
            },
        };
        return status;
    }

    private static V1ContainerStatus Running(V1Pod pod, V1Container container, DateTime now) => new()
    {
        Name = container.Name,
        Image = container.Image,
        ImageID = ImageId(container.Image),
        ContainerID = "simulated://" + NodeTemplate.StableHex($"{pod.Metadata?.Uid}/{container.Name}", 64),
        Ready = true,
        Started = true,
        RestartCount = 0,
        State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = now } },
    };

    /// <summary>A kubelet reports the pulled digest; a stable fake one per image keeps the field filled.</summary>
    private static string ImageId(string? image)
    {
        var name = image ?? "";
        var at = name.IndexOf('@', StringComparison.Ordinal);
        var repository = at >= 0 ? name[..at] : name;
        var lastColon = repository.LastIndexOf(':');
        if (lastColon > repository.LastIndexOf('/'))
        {
            repository = repository[..lastColon];
        }
        return at >= 0 ? name : $"{repository}@sha256:{NodeTemplate.StableHex(name, 64)}";
    }

    /// <summary>True now; a condition that was already True keeps its transition time, as the kubelet keeps it.</summary>
    private static V1PodCondition Condition(V1Pod pod, string type, DateTime now)
    {
        var existing = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type);
        return new V1PodCondition
        {
            Type = type,
            Status = "True",
            LastProbeTime = null,
            LastTransitionTime = existing?.Status == "True" ? existing.LastTransitionTime ?? now : now,
        };
    }
}
