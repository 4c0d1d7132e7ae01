using Orchestrator.Agent.Pods;
using Orchestrator.Agent.Runtime;
using Orchestrator.Agent.Tests.Testing;

namespace Orchestrator.Agent.Tests.Pods;

/// <summary>The pod worker with the process runtime and the host's root, as <c>orchestrator agent --runtime process</c> runs it.</summary>
public sealed class ProcessPodWorkerTests
{
    [Fact]
    public async Task A_pod_runs_as_host_processes_and_says_so_in_its_container_ids()
    {
        await using var bed = PodBed.Create(_ => new ProcessRuntime(), new HostRootfsProvider());
        var pod = PodBed.Pod("plain", "Never", Testing.Pods.Container("sh", "-c", "echo from the host"));

        bed.Run(pod);
        var status = await bed.Api.WaitForAsync(s => s.Phase == "Succeeded", "Succeeded");

        Assert.Equal("process://" + ContainerNames.Id(pod.Metadata.Uid, init: false, 0, 0), status.ContainerStatuses[0].ContainerID);
        Assert.Equal("from the host", bed.LogOf(pod, "main", 0));
    }
}
