using k8s.Models;

namespace Orchestrator.Agent.Pods;

/// <summary>What the agent knows of one container at an instant; its V1ContainerStatus is built from this.</summary>
/// <param name="Name">The container's name in the pod spec.</param>
/// <param name="Image">The image the spec names.</param>
/// <param name="ImageId">The image's id as the image source reports it, such as <c>dir:///var/lib/images/busybox</c>.</param>
/// <param name="ContainerId">As the status shows it (<c>runc://...</c>); null before the first attempt was created.</param>
/// <param name="RestartCount">The restart count of the latest attempt: 0 for the first.</param>
/// <param name="State">Waiting, running or terminated.</param>
/// <param name="LastTerminated">How the attempt before the current one ended, if there was one.</param>
/// <param name="ProbedReady">The readiness (and startup) probes' verdict; null when the container has neither, so running means ready.</param>
/// <param name="ProbedStarted">The startup probe's verdict; null without one, so running means started.</param>
public sealed record ContainerSnapshot(
    string Name,
    string? Image,
    string? ImageId,
    string? ContainerId,
    int RestartCount,
    V1ContainerState State,
    V1ContainerStateTerminated? LastTerminated,
    bool? ProbedReady = null,
    bool? ProbedStarted = null);
