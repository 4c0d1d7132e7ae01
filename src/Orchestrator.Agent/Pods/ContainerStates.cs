using k8s.Models;

namespace Orchestrator.Agent.Pods;

/// <summary>The container states of a pod status, with the kubelet's reasons.</summary>
public static class ContainerStates
{
    public const string ContainerCreating = "ContainerCreating";
    public const string PodInitializing = "PodInitializing";
    public const string CrashLoopBackOff = "CrashLoopBackOff";
    public const string ErrImagePull = "ErrImagePull";
    public const string ImagePullBackOff = "ImagePullBackOff";
    public const string CreateContainerError = "CreateContainerError";
    public const string CreateContainerConfigError = "CreateContainerConfigError";
    public const string RunContainerError = "RunContainerError";

    public static V1ContainerState Waiting(string reason, string? message = null) =>
        new() { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } };

    public static V1ContainerState Running(DateTime startedAt) =>
        new() { Running = new V1ContainerStateRunning { StartedAt = startedAt } };

    public const string ContainerStatusUnknown = "ContainerStatusUnknown";

    public static V1ContainerStateTerminated Terminated(
        int exitCode, bool oomKilled, DateTime startedAt, DateTime finishedAt, string? containerId, string? message = null) => new()
        {
            ExitCode = exitCode,
            Reason = TerminatedReason(exitCode, oomKilled),
            Message = message,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            ContainerID = containerId,
        };

    /// <summary>A container that ended while no agent could see how: kubelet's ContainerStatusUnknown, exit code 137.</summary>
    public static V1ContainerStateTerminated Lost(DateTime startedAt, DateTime finishedAt, string? containerId) => new()
    {
        ExitCode = 137,
        Reason = ContainerStatusUnknown,
        Message = "The container ended while the agent was restarting, so its exit code is lost.",
        StartedAt = startedAt,
        FinishedAt = finishedAt,
        ContainerID = containerId,
    };

    /// <summary>OOMKilled when the OOM killer ended it, else Completed for exit 0 and Error for anything else.</summary>
    public static string TerminatedReason(int exitCode, bool oomKilled) => oomKilled ? "OOMKilled" : exitCode == 0 ? "Completed" : "Error";
}
