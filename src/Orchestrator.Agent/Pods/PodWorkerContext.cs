using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Pods;

/// <summary>What every pod worker of one agent shares: the options, the runtime, images, the API sinks and the clock.</summary>
internal sealed class PodWorkerContext(
    AgentOptions options, IContainerRuntime runtime, IRootfsProvider images, IPodStatusWriter status, IPodConfigSource configs, TimeProvider time)
{
    private readonly TextWriter _progress = options.Progress ?? Console.Error;

    public AgentOptions Options { get; } = options;

    public IContainerRuntime Runtime { get; } = runtime;

    public IRootfsProvider Images { get; } = images;

    public IPodStatusWriter Status { get; } = status;

    public IPodConfigSource Configs { get; } = configs;

    public TimeProvider Time { get; } = time;

    /// <summary>One prober for every container of the agent: its HttpClient is shared, as the kubelet's is.</summary>
    public Probes.ProbeCheck Probes { get; } = new(new HttpClient());

    /// <summary>How often the probe loop looks whether a probe is due.</summary>
    public TimeSpan ProbeTick { get; init; } = TimeSpan.FromMilliseconds(100);

    public string PodsFolder => Path.Combine(Path.GetFullPath(Options.DataDirectory), "pods");

    /// <summary>Now, to the second: Kubernetes' Time fields (startedAt, conditions) carry no fractions.</summary>
    public DateTime Now()
    {
        var now = Time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    public void Report(string line)
    {
        lock (_progress)
        {
            _progress.WriteLine("agent: " + line);
        }
    }
}
