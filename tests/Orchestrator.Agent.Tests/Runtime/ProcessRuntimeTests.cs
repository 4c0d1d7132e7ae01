using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Tests.Runtime;

public sealed class ProcessRuntimeTests : ContainerRuntimeContract
{
    [Fact]
    public async Task SIGTERM_stops_a_plain_sleep_at_once_since_it_is_no_PID_1()
    {
        var id = await Bed.StartAsync(Testing.Pods.Named("sleeper"), Testing.Pods.Container("sleep", "1000"));

        await Bed.Runtime.KillAsync(id, ContainerSignal.Terminate);
        var exit = await Bed.Runtime.WaitAsync(id).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(new ContainerExit(143, OomKilled: false), exit);
    }

    [Fact]
    public async Task Stats_are_empty_without_a_cgroup()
    {
        var (id, _) = await Bed.RunToExitAsync(Testing.Pods.Named("echo"), Testing.Pods.Container("true"));

        Assert.Equal(ContainerStats.None, await Bed.Runtime.StatsAsync(id));
    }

    protected override IContainerRuntime CreateRuntime(string dataDirectory) => new ProcessRuntime();
}
