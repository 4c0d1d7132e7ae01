namespace Orchestrator.Agent.Runtime;

/// <summary>Host folders a container needs: its root filesystem and one folder per volume, by volume name.</summary>
/// <remarks>The caller has already materialised emptyDir, configMap and secret volumes as folders.</remarks>
public sealed record BundlePaths(string Rootfs, IReadOnlyDictionary<string, string> Volumes)
{
    public BundlePaths(string rootfs)
        : this(rootfs, new Dictionary<string, string>())
    {
    }
}
