using System.Diagnostics;
using Orchestrator.Agent.Runtime;
using Orchestrator.Agent.Tests.Testing;
using Xunit.Abstractions;

namespace Orchestrator.Agent.Tests.Runtime;

/// <summary>What an OCI runtime adds: limits that bite, PID 1 semantics, its own hostname, volumes.</summary>
public abstract class OciRuntimeContract(ITestOutputHelper output) : ContainerRuntimeContract
{
    [Fact]
    public async Task A_memory_hog_under_a_32Mi_limit_is_reported_OOMKilled()
    {
        // The shell keeps 100 MB of 'a' in a variable, three times the limit, so the OOM killer ends it.
        var hog = Testing.Pods.Container("sh", "-c", "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo ${#x}").WithLimits(memory: "32Mi");

        var (id, exit) = await Bed.RunToExitAsync(Testing.Pods.Named("hog"), hog);
        var stats = await Bed.Runtime.StatsAsync(id);

        output.WriteLine($"{Bed.Runtime.Name}: exit {exit}, {stats}");
        Assert.Equal(new ContainerExit(137, OomKilled: true), exit);
        Assert.True(stats.OomKills >= 1);
        Assert.True(stats.MemoryFailCount > 0);
    }

    [Fact]
    public async Task A_cpu_hog_with_a_200m_limit_is_throttled()
    {
        var id = await Bed.StartAsync(Testing.Pods.Named("spinner"), Testing.Pods.Container("sh", "-c", "while :; do :; done").WithLimits(cpu: "200m"));

        // CFS throttles per 100 ms period, so real time has to pass: 8 periods, each allowing 20 ms of cpu.
        await Task.Delay(TimeSpan.FromMilliseconds(800));
        var stats = await Bed.Runtime.StatsAsync(id);
        await Bed.Runtime.KillAsync(id, ContainerSignal.Kill);
        var exit = await Bed.Runtime.WaitAsync(id);

        output.WriteLine($"{Bed.Runtime.Name}: {stats}");
        Assert.True(stats.CpuThrottledPeriods > 0, $"not throttled: {stats}");
        Assert.Equal(new ContainerExit(137, OomKilled: false), exit);
    }

    [Fact]
    public async Task Stopping_a_sleep_escalates_to_SIGKILL_because_PID_1_ignores_SIGTERM()
    {
        // `runc start` returns before runc's init has exec'd the command, and a SIGTERM in that window ends the Go
        // init itself (exit 2). The echo proves the exec happened; `exec` then makes sleep PID 1.
        var id = await Bed.StartAsync(Testing.Pods.Named("sleeper"), Testing.Pods.Container("sh", "-c", "echo ready; exec sleep 1000"));
        await Bed.WaitForLogAsync(id, "ready");
        var clock = Stopwatch.StartNew();

        var exit = await Bed.Runtime.StopAsync(id, TimeSpan.FromMilliseconds(500));

        // sleep has no SIGTERM handler, and the kernel drops such signals to a namespace's PID 1: only the SIGKILL
        // after the grace period ends it.
        Assert.Equal(new ContainerExit(137, OomKilled: false), exit);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SIGTERM_stops_a_container_that_handles_it_promptly()
    {
        var script = "trap 'exit 143' TERM; echo ready; sleep 1000 & wait";
        var id = await Bed.StartAsync(Testing.Pods.Named("graceful"), Testing.Pods.Container("sh", "-c", script));
        await Bed.WaitForLogAsync(id, "ready");
        var clock = Stopwatch.StartNew();

        await Bed.Runtime.KillAsync(id, ContainerSignal.Terminate);
        var exit = await Bed.Runtime.WaitAsync(id).WaitAsync(TimeSpan.FromSeconds(5));

        output.WriteLine($"{Bed.Runtime.Name}: SIGTERM to exit in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(new ContainerExit(143, OomKilled: false), exit);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task The_container_has_the_pod_name_as_hostname_and_is_PID_1_of_its_own_namespace()
    {
        // Kubernetes expansion turns $$ into $, so the shell sees `echo $$`: its own pid.
        var (id, exit) = await Bed.RunToExitAsync(Testing.Pods.Named("web-0"), Testing.Pods.Container("sh", "-c", "hostname; echo $$$$"));

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal("web-0\n1\n", Bed.LogOf(id));
    }

    [Fact]
    public async Task Env_is_expanded_and_a_read_only_volume_is_visible_but_not_writable()
    {
        var config = Directory.CreateDirectory(Path.Combine(Bed.Root, "volumes", "config")).FullName;
        await File.WriteAllTextAsync(Path.Combine(config, "greeting.txt"), "from a configMap\n");
        var container = Testing.Pods.Container("sh", "-c", "cat /etc/app/greeting.txt; echo $(MESSAGE); touch /etc/app/new && echo writable || echo read-only");
        container.Env = [Testing.Pods.Env("GREETING", "hello"), Testing.Pods.Env("MESSAGE", "$(GREETING) from env")];
        container.VolumeMounts = [Testing.Pods.Mount("/etc/app", "config", readOnly: true)];

        var (id, exit) = await Bed.RunToExitAsync(Testing.Pods.Named("configured"), container, new Dictionary<string, string> { ["config"] = config });

        var lines = Bed.LogOf(id).Split('\n');
        Assert.Equal(0, exit.ExitCode);
        Assert.Contains("from a configMap", lines);
        Assert.Contains("hello from env", lines);
        Assert.Contains("read-only", lines);
        Assert.False(File.Exists(Path.Combine(config, "new")));
    }

    [Fact]
    public async Task A_missing_program_fails_create_with_the_runtimes_reason()
    {
        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => Bed.StartAsync(Testing.Pods.Named("typo"), Testing.Pods.Container("no-such-program")));

        Assert.Contains($"{Bed.Runtime.Name} create", error.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-program", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cycle_of_a_true_container_is_timed()
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            var (id, exit) = await Bed.RunToExitAsync(Testing.Pods.Named("true"), Testing.Pods.Container("true"));
            await Bed.Runtime.DeleteAsync(id);
            Assert.Equal(0, exit.ExitCode);
        }
        output.WriteLine($"{Bed.Runtime.Name}: create+start+wait+delete of `true`: {clock.ElapsedMilliseconds / 5} ms each");
    }

    protected sealed override IContainerRuntime CreateRuntime(string dataDirectory)
    {
        Assert.True(Environment.IsPrivilegedProcess, "The container tests drive a real OCI runtime and cgroups: run them as root.");
        return CreateOciRuntime(dataDirectory);
    }

    protected abstract OciRuntime CreateOciRuntime(string dataDirectory);
}
