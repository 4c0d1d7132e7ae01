using Orchestrator.Agent.Runtime;
using Orchestrator.Agent.Tests.Testing;

namespace Orchestrator.Agent.Tests.Runtime;

/// <summary>What every runtime does, isolated or not; each test gets its own folder and container ids.</summary>
public abstract class ContainerRuntimeContract : IAsyncLifetime
{
    protected ContainerBed Bed { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Bed = ContainerBed.Create(CreateRuntime);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Bed.DisposeAsync();

    [Fact]
    public async Task Echo_hello_prints_hello_into_the_log_and_exits_zero()
    {
        var (id, exit) = await Bed.RunToExitAsync(Testing.Pods.Named("echo"), Testing.Pods.Container("echo", "hello"));

        Assert.Equal(new ContainerExit(0, OomKilled: false), exit);
        Assert.Equal("hello\n", Bed.LogOf(id));
    }

    [Fact]
    public async Task Exit_3_is_reported_as_exit_code_3()
    {
        var (_, exit) = await Bed.RunToExitAsync(Testing.Pods.Named("exit"), Testing.Pods.Container("sh", "-c", "exit 3"));

        Assert.Equal(new ContainerExit(3, OomKilled: false), exit);
    }

    [Fact]
    public async Task A_started_container_is_running_until_it_is_stopped()
    {
        var id = await Bed.StartAsync(Testing.Pods.Named("sleeper"), Testing.Pods.Container("sleep", "1000"));

        var state = await Bed.Runtime.StateAsync(id);

        Assert.Equal(ContainerStatus.Running, state.Status);
        Assert.True(state.Pid > 0);
        await Bed.Runtime.KillAsync(id, ContainerSignal.Kill);
        Assert.Equal(137, (await Bed.Runtime.WaitAsync(id)).ExitCode);
        Assert.Equal(ContainerStatus.Stopped, (await Bed.Runtime.StateAsync(id)).Status);
    }

    [Fact]
    public async Task Exec_runs_a_command_in_the_running_container_and_reports_exit_code_output_and_timeouts()
    {
        var id = await Bed.StartAsync(Testing.Pods.Named("exec"), Testing.Pods.Container("sleep", "1000"));
        var exec = Assert.IsAssignableFrom<IContainerExec>(Bed.Runtime);

        var hello = await exec.ExecAsync(id, ["echo", "hello"], TimeSpan.FromSeconds(10));
        var four = await exec.ExecAsync(id, ["sh", "-c", "exit 4"], TimeSpan.FromSeconds(10));
        var slow = await exec.ExecAsync(id, ["sleep", "30"], TimeSpan.FromSeconds(1));

        Assert.Equal(new ExecResult(0, "hello\n", TimedOut: false), hello);
        Assert.Equal(4, four.ExitCode);
        Assert.True(slow.TimedOut);
        Assert.False(slow.Succeeded);
        await Bed.Runtime.KillAsync(id, ContainerSignal.Kill);
    }

    protected abstract IContainerRuntime CreateRuntime(string dataDirectory);
}
