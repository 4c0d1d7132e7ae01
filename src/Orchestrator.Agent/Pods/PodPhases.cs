using k8s.Models;

namespace Orchestrator.Agent.Pods;

/// <summary>A pod's phase from its containers' states and its restartPolicy: the kubelet's getPhase, without sidecars.</summary>
public static class PodPhases
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";

    public static bool IsTerminal(string? phase) => phase is Succeeded or Failed;

    /// <param name="restartPolicy">Always (also when null), OnFailure or Never.</param>
    /// <param name="initContainers">One status per init container of the spec, in order; null where none is known.</param>
    /// <param name="containers">One status per container of the spec; null where none is known.</param>
    /// <param name="podIsTerminal">Nothing will be restarted any more (the pod is being deleted, for one).</param>
    public static string Compute(
        string? restartPolicy,
        IReadOnlyList<V1ContainerStatus?> initContainers,
        IReadOnlyList<V1ContainerStatus?> containers,
        bool podIsTerminal)
    {
        var policy = restartPolicy ?? "Always";
        var pendingInitialization = 0;
        var failedInitialization = 0;
        foreach (var status in initContainers)
        {
            var state = status?.State;
            if (state?.Terminated is { } terminated)
            {
                failedInitialization += terminated.ExitCode == 0 ? 0 : 1;
            }
            else if (state?.Waiting is not null && status!.LastState?.Terminated is { } last)
            {
                // Waiting to run again: its last attempt says whether it has failed.
                failedInitialization += last.ExitCode == 0 ? 0 : 1;
            }
            else
            {
                pendingInitialization++;
            }
        }

        var unknown = 0;
        var running = 0;
        var waiting = 0;
        var stopped = 0;
        var succeeded = 0;
        foreach (var status in containers)
        {
            var state = status?.State;
            if (state?.Running is not null)
            {
                running++;
            }
            else if (state?.Terminated is { } terminated)
            {
                stopped++;
                succeeded += terminated.ExitCode == 0 ? 1 : 0;
            }
            else if (state?.Waiting is not null)
            {
                // A container waiting to be restarted has run; one that never ran holds the pod in Pending.
                if (status!.LastState?.Terminated is not null)
                {
                    stopped++;
                }
                else
                {
                    waiting++;
                }
            }
            else
            {
                unknown++;
            }
        }

        if (failedInitialization > 0 && policy == "Never")
        {
            return Failed;
        }
        if ((pendingInitialization > 0 && !AnyStarted(containers)) || waiting > 0)
        {
            return Pending;
        }
        if (running > 0 && unknown == 0)
        {
            return Running;
        }
        if (running == 0 && stopped > 0 && unknown == 0)
        {
            if (podIsTerminal)
            {
                return stopped == succeeded ? Succeeded : Failed;
            }
            if (policy == "Always")
            {
                // Every container is on its way to a restart.
                return Running;
            }
            if (stopped == succeeded)
            {
                return Succeeded;
            }
            return policy == "Never" ? Failed : Running;
        }
        return Pending;
    }

    private static bool AnyStarted(IReadOnlyList<V1ContainerStatus?> containers) =>
        containers.Any(s => s?.State?.Running is not null || s?.State?.Terminated is not null || s?.LastState?.Terminated is not null);
}
