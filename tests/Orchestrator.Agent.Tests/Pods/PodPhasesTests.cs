using k8s.Models;
using Orchestrator.Agent.Pods;

namespace Orchestrator.Agent.Tests.Pods;

public sealed class PodPhasesTests
{
    // A compact spelling of container states: "W" waiting (never ran), "W0"/"W1" waiting to restart after exit 0/1,
    // "R" running, "T0"/"T1" terminated with exit 0/1, "?" no status at all; one letter group per container.
    public static TheoryData<string, string, string, bool, string> Cases => new()
    {
        // Nothing has run yet: Pending.
        { "Always", "", "W", false, "Pending" },
        // One runs, one waits for its first start: still Pending (waiting > 0 wins).
        { "Always", "", "R W", false, "Pending" },
        // All started, one running: Running, whatever the others did.
        { "Never", "", "R T1", false, "Running" },
        // A status is missing: unknown > 0 keeps the pod Pending.
        { "Always", "", "R ?", false, "Pending" },
        // Never: all exited 0 -> Succeeded; one failed -> Failed.
        { "Never", "", "T0 T0", false, "Succeeded" },
        { "Never", "", "T0 T1", false, "Failed" },
        // OnFailure: all 0 -> Succeeded; a failure is on its way to a restart -> Running.
        { "OnFailure", "", "T0", false, "Succeeded" },
        { "OnFailure", "", "T1", false, "Running" },
        { "OnFailure", "", "W1", false, "Running" },
        // Always: every stopped container is restarting -> Running, even after exit 0 ...
        { "Always", "", "T0", false, "Running" },
        { "Always", "", "W0", false, "Running" },
        // ... unless the pod is terminal (being deleted): then the exits decide.
        { "Always", "", "T0", true, "Succeeded" },
        { "Always", "", "T0 T1", true, "Failed" },
        // Init containers: one still running, or not yet run, holds the pod in Pending.
        { "Always", "R", "W", false, "Pending" },
        { "Always", "T0 W", "W", false, "Pending" },
        // An init container that failed: Failed under Never, Pending (it will be retried) otherwise.
        { "Never", "T1", "W", false, "Failed" },
        { "OnFailure", "W1", "W", false, "Pending" },
        // Init done: the main containers decide.
        { "Never", "T0 T0", "R", false, "Running" },
        // null restartPolicy is Always.
        { "", "", "T0", false, "Running" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_phase_follows_the_kubelets_rules(string policy, string init, string containers, bool terminal, string expected)
    {
        var phase = PodPhases.Compute(policy.Length == 0 ? null : policy, Parse(init), Parse(containers), terminal);

        Assert.Equal(expected, phase);
    }

    private static List<V1ContainerStatus?> Parse(string states) =>
        [.. states.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Status)];

    private static V1ContainerStatus? Status(string state) => state switch
    {
        "?" => null,
        "W" => new V1ContainerStatus { State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } } },
        "R" => new V1ContainerStatus { State = new V1ContainerState { Running = new V1ContainerStateRunning() } },
        ['T', var code] => new V1ContainerStatus { State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = code - '0' } } },
        ['W', var code] => new V1ContainerStatus
        {
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
            LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = code - '0' } },
        },
        _ => throw new ArgumentException(state),
    };
}
