using k8s;
using Orchestrator.Client;

namespace Orchestrator.Agent;

/// <summary>What the agent's API loops share: the client, the options, the clock and the pipelines every call goes through.</summary>
internal sealed class AgentContext(IKubernetes client, AgentOptions options, TimeProvider time, ApiPipelines pipelines)
{
    private readonly TextWriter _progress = options.Progress ?? Console.Error;

    public IKubernetes Client { get; } = client;

    public AgentOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;

    public ApiPipelines Pipelines { get; } = pipelines;

    /// <summary>Now, to the second: Kubernetes' Time fields carry no fractions.</summary>
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
            _progress.WriteLine("agent: " + line);
        }
    }
}
