using k8s.Models;

namespace Orchestrator.Agent.Pods;

/// <summary>One container of a pod as its worker tracks it across attempts; guarded by the worker's lock.</summary>
internal sealed class ContainerSlot(V1Container spec, int index, bool init, string waitingReason)
{
    public V1Container Spec { get; } = spec;

    public int Index { get; } = index;

    public bool Init { get; } = init;

    public string Name => Spec.Name;

    /// <summary>Attempts created so far; the next one's restart count.</summary>
    public int Attempts { get; set; }

    /// <summary>The runtime id of the latest attempt while the runtime may still hold it.</summary>
    public string? CurrentId { get; set; }

    /// <summary>The latest attempt's containerID as the status shows it.</summary>
    public string? StatusId { get; set; }

    public string? ImageId { get; set; }

    public V1ContainerState State { get; set; } = ContainerStates.Waiting(waitingReason);

    public V1ContainerStateTerminated? LastTerminated { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTimeOffset FinishedAt { get; set; }

    public BackoffEntry? CrashBackoff { get; set; }

    public BackoffEntry? FailureBackoff { get; set; }

    public int Failures { get; set; }

    /// <summary>How the container ended under an earlier agent, to act on before anything is started.</summary>
    public V1ContainerStateTerminated? Adopted { get; set; }

    public AttemptLog? Log { get; set; }

    /// <summary>The current attempt's readiness from its probes; null when it has no readiness or startup probe.</summary>
    public bool? ProbedReady { get; set; }

    /// <summary>The current attempt's startup probe verdict; null without one.</summary>
    public bool? ProbedStarted { get; set; }

    public ContainerSnapshot Snapshot() =>
        new(Name, Spec.Image, ImageId, StatusId, Math.Max(Attempts - 1, 0), State, LastTerminated, ProbedReady, ProbedStarted);

    /// <summary>
    /// Takes over what an earlier agent reported for this container: its restart count and containerID (so the
    /// container can be removed), and how it ended. One that was running cannot be followed: its exit is lost.
    /// </summary>
    public void Adopt(V1ContainerStatus? previous, string podUid, DateTime now)
    {
        var id = ContainerNames.FromStatusId(previous?.ContainerID);
        if (previous is null || ContainerNames.Parse(id) is not { } parts || parts.PodUid != podUid)
        {
            return;
        }
        Attempts = parts.RestartCount + 1;
        CurrentId = id;
        StatusId = previous.ContainerID;
        ImageId = previous.ImageID;
        LastTerminated = previous.LastState?.Terminated;
        var ended = previous.State?.Terminated
            ?? (previous.State?.Waiting is not null ? previous.LastState?.Terminated : null)
            ?? new V1ContainerStateTerminated
            {
                ExitCode = 137,
                Reason = ContainerStates.ContainerStatusUnknown,
                Message = "The agent restarted while this container ran; it is adopted if it still runs, else its exit code is lost.",
                StartedAt = previous.State?.Running?.StartedAt ?? now,
                FinishedAt = now,
                ContainerID = previous.ContainerID,
            };
        State = new V1ContainerState { Terminated = ended };
        FinishedAt = new DateTimeOffset(DateTime.SpecifyKind(ended.FinishedAt ?? now, DateTimeKind.Utc));
        Adopted = ended;
    }
}
