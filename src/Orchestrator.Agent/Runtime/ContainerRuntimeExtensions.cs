namespace Orchestrator.Agent.Runtime;

/// <summary>Lifecycle steps built from the runtime's primitives.</summary>
public static class ContainerRuntimeExtensions
{
    /// <summary>Stops a container the kubelet's way: SIGTERM, then SIGKILL once the grace period is over.</summary>
    /// <remarks>
    /// The grace period matters more than it seems: a container's first process is PID 1 of its namespace, and the
    /// kernel drops signals to PID 1 that it has no handler for, so a plain <c>sleep</c> ignores SIGTERM entirely.
    /// </remarks>
    public static async Task<ContainerExit> StopAsync(
        this IContainerRuntime runtime,
        string id,
        TimeSpan gracePeriod,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        await runtime.KillAsync(id, ContainerSignal.Terminate, cancellationToken);
        var exit = runtime.WaitAsync(id, cancellationToken);
        try
        {
            return await exit.WaitAsync(gracePeriod, timeProvider ?? TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            await runtime.KillAsync(id, ContainerSignal.Kill, cancellationToken);
            return await exit;
        }
    }

    /// <summary>Creates and starts a container.</summary>
    public static async Task RunAsync(this IContainerRuntime runtime, ContainerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(request);
        await runtime.CreateAsync(request, cancellationToken);
        await runtime.StartAsync(request.Id, cancellationToken);
    }
}
