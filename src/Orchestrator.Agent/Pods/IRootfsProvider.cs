namespace Orchestrator.Agent.Pods;

/// <summary>Turns an image reference into a root filesystem for one container attempt (the agent's stand-in for an image store).</summary>
public interface IRootfsProvider
{
    /// <summary>
    /// Prepares a writable root filesystem for <paramref name="image"/> in <paramref name="target"/>, a folder that does not
    /// exist yet and that the agent deletes with the container.
    /// </summary>
    /// <param name="image">The container's image reference, such as <c>busybox:1.36</c>.</param>
    /// <param name="pullPolicy">The container's imagePullPolicy: Always, IfNotPresent or Never (null: IfNotPresent).</param>
    /// <param name="target">The folder to fill; it does not exist yet.</param>
    /// <param name="cancellationToken">Stops the preparation.</param>
    /// <exception cref="ImageUnavailableException">The image is not there; its reason and message go into the container's status.</exception>
    Task<PreparedRootfs> PrepareAsync(string image, string? pullPolicy, string target, CancellationToken cancellationToken);
}
