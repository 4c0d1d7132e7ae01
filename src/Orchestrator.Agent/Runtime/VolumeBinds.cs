using k8s.Models;

namespace Orchestrator.Agent.Runtime;

/// <summary>Bind mounts of the caller's volume folders at a container's volumeMounts.</summary>
internal static class VolumeBinds
{
    public static IEnumerable<OciMount> For(V1Container container, IReadOnlyDictionary<string, string> volumes)
    {
        foreach (var mount in container.VolumeMounts ?? [])
        {
            if (!volumes.TryGetValue(mount.Name, out var source))
            {
                throw new ArgumentException(
                    $"Container '{container.Name}' mounts volume '{mount.Name}', but no host folder was given for it.");
            }
            if (!mount.MountPath.StartsWith('/'))
            {
                throw new ArgumentException(
                    $"Container '{container.Name}' mounts volume '{mount.Name}' at '{mount.MountPath}', which is not an absolute path.");
            }
            yield return new OciMount
            {
                Destination = mount.MountPath,
                Type = "bind",
                Source = Path.GetFullPath(SubPath(container, mount, source)),
                // rprivate is Kubernetes' default propagation (None); ro is how readOnly reaches the kernel.
                Options = ["rbind", "rprivate", mount.ReadOnlyProperty == true ? "ro" : "rw"],
            };
        }
    }

    private static string SubPath(V1Container container, V1VolumeMount mount, string source)
    {
        if (string.IsNullOrEmpty(mount.SubPath))
        {
            return source;
        }
        // The API server rejects these too; checked again because escaping the volume would expose the host.
        if (Path.IsPathRooted(mount.SubPath) || mount.SubPath.Split('/').Contains(".."))
        {
            throw new ArgumentException(
                $"Container '{container.Name}' mounts subPath '{mount.SubPath}' of volume '{mount.Name}', which leaves the volume.");
        }
        return Path.Combine(source, mount.SubPath);
    }
}
