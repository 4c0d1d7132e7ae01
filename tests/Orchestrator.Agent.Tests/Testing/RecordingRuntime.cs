using System.Collections.Concurrent;
using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Tests.Testing;

/// <summary>A runtime that passes every call on and remembers which containers exist, so a test can check none is left.</summary>
public sealed class RecordingRuntime(IContainerRuntime inner) : IContainerRuntime
{
    private readonly ConcurrentDictionary<string, byte> _live = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _created = new();
    private readonly ConcurrentDictionary<string, Task> _held = new(StringComparer.Ordinal);

    public string Name => inner.Name;

    /// <summary>Containers created and not deleted since.</summary>
    public IReadOnlyCollection<string> Live => [.. _live.Keys];

    /// <summary>Every container created, in order.</summary>
    public IReadOnlyList<string> Created => [.. _created];

    /// <summary>Holds the removal of one container until <paramref name="until"/> completes, as a slow runc delete on a loaded node would.</summary>
    public void HoldDelete(string id, Task until) => _held[id] = until;

    public async Task CreateAsync(ContainerRequest request, CancellationToken cancellationToken = default)
    {
        await inner.CreateAsync(request, cancellationToken);
        _live[request.Id] = 0;
        _created.Enqueue(request.Id);
    }

    public Task StartAsync(string id, CancellationToken cancellationToken = default) => inner.StartAsync(id, cancellationToken);

    public Task<ContainerState> StateAsync(string id, CancellationToken cancellationToken = default) => inner.StateAsync(id, cancellationToken);

    public Task KillAsync(string id, ContainerSignal signal, CancellationToken cancellationToken = default) =>
        inner.KillAsync(id, signal, cancellationToken);

    public Task<ContainerExit> WaitAsync(string id, CancellationToken cancellationToken = default) => inner.WaitAsync(id, cancellationToken);

    public Task<ContainerStats> StatsAsync(string id, CancellationToken cancellationToken = default) => inner.StatsAsync(id, cancellationToken);

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        if (_held.TryGetValue(id, out var until))
        {
            await until.WaitAsync(cancellationToken);
        }
        await inner.DeleteAsync(id, cancellationToken);
        _live.TryRemove(id, out _);
    }
}
