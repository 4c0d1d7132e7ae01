using k8s.Models;
using Orchestrator.Agent.Pods;
using Orchestrator.Agent.Tests.Testing;

namespace Orchestrator.Agent.Tests.Pods;

public sealed class PodStatusBuilderTests
{
    private static readonly DateTime Started = new(2026, 11, 25, 5, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = Started.AddSeconds(30);

    [Fact]
    public void A_running_container_makes_the_pod_Running_and_Ready_on_the_nodes_address()
    {
        var pod = PodBed.Pod("web", "Always", Testing.Pods.Container("sleep", "1000"));
        var snapshot = Snapshot(init: [], [Container("main", ContainerStates.Running(Started), restarts: 0)]);

        var status = PodStatusBuilder.Build(pod, snapshot, previous: null, "10.0.0.7", Now);

        Assert.Equal("Running", status.Phase);
        Assert.Equal(("10.0.0.7", "10.0.0.7", Started), (status.HostIP, status.PodIP, status.StartTime));
        Assert.Equal(
            ["PodReadyToStartContainers=True", "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True"],
            status.Conditions.Select(c => $"{c.Type}={c.Status}"));
        var main = status.ContainerStatuses.Single();
        Assert.Equal((true, true, 0), (main.Ready, main.Started, main.RestartCount));
        Assert.Null(main.LastState.Terminated);
        Assert.Null(status.InitContainerStatuses);
    }

    [Fact]
    public void Waiting_containers_are_named_in_the_not_ready_conditions()
    {
        var pod = PodBed.Pod("web", "Always", Testing.Pods.Container("true"));
        var snapshot = Snapshot(
            init: [Container("setup", ContainerStates.Running(Started), 0)],
            [Container("main", ContainerStates.Waiting(ContainerStates.PodInitializing), 0), Container("side", ContainerStates.Waiting(ContainerStates.PodInitializing), 0)]);

        var status = PodStatusBuilder.Build(pod, snapshot, previous: null, "10.0.0.7", Now);

        Assert.Equal("Pending", status.Phase);
        var initialized = status.Conditions.Single(c => c.Type == "Initialized");
        Assert.Equal(("False", "ContainersNotInitialized", "containers with incomplete status: [setup]"), (initialized.Status, initialized.Reason, initialized.Message));
        var ready = status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "ContainersNotReady", "containers with unready status: [main side]"), (ready.Status, ready.Reason, ready.Message));
    }

    [Fact]
    public void A_condition_keeps_its_transition_time_while_its_status_holds_and_takes_now_when_it_flips()
    {
        var pod = PodBed.Pod("web", "Always", Testing.Pods.Container("true"));
        var running = Snapshot(init: [], [Container("main", ContainerStates.Running(Started), 0)]);
        var first = PodStatusBuilder.Build(pod, running, previous: null, "10.0.0.7", Started);

        // 30 s later still running: Ready keeps Started. Then the container is in CrashLoopBackOff: Ready flips at Now.
        var still = PodStatusBuilder.Build(pod, running, first, "10.0.0.7", Now);
        var crashing = Snapshot(init: [], [Container("main", ContainerStates.Waiting(ContainerStates.CrashLoopBackOff), 1, Exited(1))]);
        var flipped = PodStatusBuilder.Build(pod, crashing, still, "10.0.0.7", Now.AddSeconds(5));

        Assert.Equal(Started, still.Conditions.Single(c => c.Type == "Ready").LastTransitionTime);
        Assert.Equal(Now.AddSeconds(5), flipped.Conditions.Single(c => c.Type == "Ready").LastTransitionTime);
        Assert.Equal(Started, flipped.Conditions.Single(c => c.Type == "Initialized").LastTransitionTime);
        var main = flipped.ContainerStatuses.Single();
        Assert.Equal(("Running", 1, 1, false), (flipped.Phase, main.RestartCount, main.LastState.Terminated.ExitCode, main.Ready));
    }

    [Fact]
    public void A_completed_pod_says_PodCompleted_and_a_terminal_phase_never_changes_back()
    {
        var pod = PodBed.Pod("job", "Never", Testing.Pods.Container("true"));
        var done = Snapshot(init: [], [Container("main", new V1ContainerState { Terminated = Exited(0) }, 0)], terminal: true);

        var status = PodStatusBuilder.Build(pod, done, previous: null, "10.0.0.7", Now);
        var previousFailed = new V1PodStatus { Phase = "Failed" };
        var kept = PodStatusBuilder.Build(pod, done, previousFailed, "10.0.0.7", Now);

        Assert.Equal("Succeeded", status.Phase);
        Assert.All(status.Conditions.Where(c => c.Type is "Ready" or "ContainersReady" or "Initialized"), c => Assert.Equal("PodCompleted", c.Reason));
        Assert.Equal("Failed", kept.Phase);
    }

    [Fact]
    public void The_schedulers_PodScheduled_condition_is_kept_as_it_is()
    {
        var pod = PodBed.Pod("web", "Always", Testing.Pods.Container("true"));
        var scheduled = new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = Started.AddMinutes(-1) };
        pod.Status = new V1PodStatus { Conditions = [scheduled], QosClass = "BestEffort" };

        var status = PodStatusBuilder.Build(pod, Snapshot(init: [], [Container("main", ContainerStates.Waiting(ContainerStates.ContainerCreating), 0)]), null, "10.0.0.7", Now);

        Assert.Same(scheduled, status.Conditions.Single(c => c.Type == "PodScheduled"));
        Assert.Equal("BestEffort", status.QosClass);
    }

    private static PodSnapshot Snapshot(List<ContainerSnapshot> init, List<ContainerSnapshot> containers, bool terminal = false) =>
        new(Started, VolumesReady: true, init, containers, terminal);

    private static ContainerSnapshot Container(string name, V1ContainerState state, int restarts, V1ContainerStateTerminated? last = null) =>
        new(name, "busybox", "dir:///images/busybox", "runc://o-x-c0-" + restarts, restarts, state, last);

    private static V1ContainerStateTerminated Exited(int code) =>
        ContainerStates.Terminated(code, oomKilled: false, Started, Started.AddSeconds(1), "runc://o-x-c0-0");
}
