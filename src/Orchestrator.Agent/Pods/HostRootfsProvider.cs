namespace Orchestrator.Agent.Pods;

/// <summary>
/// The host's own root for every image: for the process runtime only, which runs programs on the host without
/// isolation and ignores the root anyway. With an OCI runtime it would hand containers the host's root, writable.
/// </summary>
public sealed class HostRootfsProvider : IRootfsProvider
{
    public Task<PreparedRootfs> PrepareAsync(string image, string? pullPolicy, string target, CancellationToken cancellationToken) =>
        Task.FromResult(new PreparedRootfs("/", "host://", Config: null));
}
