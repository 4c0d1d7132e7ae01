using k8s;
using Orchestrator.Client;

namespace Orchestrator.Simulation;

/// <summary>What every part of one simulator run shares: the client, the options, the clock, the pipelines and the nodes.</summary>
internal sealed class SimulationContext
{
    private readonly TextWriter _progress;

    public SimulationContext(IKubernetes client, SimulatedNodeOptions options, TimeProvider time, ApiPipelines pipelines)
    {
        Client = client;
        Options = options;
        Time = time;
        Pipelines = pipelines;
        _progress = options.Progress ?? Console.Error;
        Nodes = [.. Enumerable.Range(0, options.Count).Select(i => new SimulatedNode(i, NodeTemplate.Name(options, i)))];
        ByName = Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
    }

    public IKubernetes Client { get; }

    public SimulatedNodeOptions Options { get; }

    public TimeProvider Time { get; }

    public ApiPipelines Pipelines { get; }

    public IReadOnlyList<SimulatedNode> Nodes { get; }

    public IReadOnlyDictionary<string, SimulatedNode> ByName { get; }

    public SimulationCounters Counters { get; } = new();

    /// <summary>The most recent failure any loop saw, for the next progress line.</summary>
    public Exception? LastError { get; set; }

    /// <summary>Now, to the second: Kubernetes' Time fields (conditions, startTime) carry no fractions.</summary>
    public DateTime Now()
    {
        var now = Time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    /// <summary>Now, to the microsecond, for MicroTime fields such as a Lease's renewTime.</summary>
    public DateTime NowMicro()
    {
        var now = Time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % 10));
    }

    public Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        Pipelines[ApiPipelines.Write].ExecuteAsync(async token => await call(token), cancellationToken).AsTask();

    public void Report(string line)
    {
        lock (_progress)
        {
            _progress.WriteLine("simulator: " + line);
        }
    }

    public static string Describe(Exception? error) => ApiErrors.Describe(error);
}
