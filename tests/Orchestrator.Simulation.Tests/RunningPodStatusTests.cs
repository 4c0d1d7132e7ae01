using k8s.Models;

namespace Orchestrator.Simulation.Tests;

public sealed class RunningPodStatusTests
{
    private static readonly DateTime Created = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = Created.AddSeconds(2);

    private static V1Pod Pod(params V1Container[] initContainers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", Uid = "uid-1" },
        Spec = new V1PodSpec
        {
            NodeName = "sim-0",
            InitContainers = initContainers.Length == 0 ? null : initContainers,
            Containers = [new V1Container { Name = "app", Image = "nginx:1.27" }, new V1Container { Name = "log", Image = "busybox" }],
        },
        Status = new V1PodStatus
        {
            Phase = "Pending",
            QosClass = "BestEffort",
            Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = Created }],
        },
    };

    [Fact]
    public void A_started_pod_is_running_at_its_addresses_with_every_readiness_condition_true()
    {
        var status = RunningPodStatus.Build(Pod(), "172.16.0.1", "10.244.0.7", Now);

        Assert.Equal(("Running", "172.16.0.1", "10.244.0.7"), (status.Phase, status.HostIP, status.PodIP));
        Assert.Equal(["10.244.0.7"], status.PodIPs.Select(p => p.Ip));
        Assert.Equal(["172.16.0.1"], status.HostIPs.Select(p => p.Ip));
        Assert.Equal(Now, status.StartTime);
        Assert.Equal("BestEffort", status.QosClass);
        Assert.All(status.Conditions, c => Assert.Equal("True", c.Status));
        Assert.Equal(["ContainersReady", "Initialized", "PodReadyToStartContainers", "PodScheduled", "Ready"], status.Conditions.Select(c => c.Type).Order());
    }

    [Fact]
    public void The_scheduled_condition_keeps_the_time_the_scheduler_gave_it()
    {
        var status = RunningPodStatus.Build(Pod(), "172.16.0.1", "10.244.0.7", Now);

        Assert.Equal(Created, status.Conditions.Single(c => c.Type == "PodScheduled").LastTransitionTime);
        Assert.Equal(Now, status.Conditions.Single(c => c.Type == "Ready").LastTransitionTime);
    }

    [Fact]
    public void Each_container_runs_ready_and_started_with_its_image_and_a_digest()
    {
        var status = RunningPodStatus.Build(Pod(), "172.16.0.1", "10.244.0.7", Now);

        Assert.Equal(["app", "log"], status.ContainerStatuses.Select(c => c.Name));
        var app = status.ContainerStatuses[0];
        Assert.Equal(("nginx:1.27", true, true, 0), (app.Image, app.Ready, app.Started!.Value, app.RestartCount));
        Assert.Matches("^nginx@sha256:[0-9a-f]{64}$", app.ImageID);
        Assert.Matches("^simulated://[0-9a-f]{64}$", app.ContainerID);
        Assert.Equal(Now, app.State.Running.StartedAt);
        Assert.Null(status.InitContainerStatuses);
    }

    [Fact]
    public void An_init_container_has_completed_and_a_sidecar_keeps_running()
    {
        var pod = Pod(new V1Container { Name = "migrate", Image = "tool" }, new V1Container { Name = "proxy", Image = "envoy", RestartPolicy = "Always" });

        var status = RunningPodStatus.Build(pod, "172.16.0.1", "10.244.0.7", Now);

        var migrate = status.InitContainerStatuses.Single(c => c.Name == "migrate");
        Assert.Equal(("Completed", 0), (migrate.State.Terminated.Reason, migrate.State.Terminated.ExitCode));
        Assert.NotNull(status.InitContainerStatuses.Single(c => c.Name == "proxy").State.Running);
    }

    [Fact]
    public void A_pinned_digest_is_reported_as_it_was_asked_for()
    {
        var pod = Pod();
        pod.Spec.Containers[0].Image = "registry.local:5000/app@sha256:" + new string('a', 64);

        var status = RunningPodStatus.Build(pod, "172.16.0.1", "10.244.0.7", Now);

        Assert.Equal(pod.Spec.Containers[0].Image, status.ContainerStatuses[0].ImageID);
    }
}
