using k8s.Models;

namespace Orchestrator.Agent.Runtime;

/// <summary>Turns one container of a pod into the OCI spec a runtime runs, as the kubelet and containerd would.</summary>
public sealed class BundleBuilder(BundleOptions? options = null)
{
    private readonly BundleOptions _options = options ?? new BundleOptions();

    public OciSpec Build(V1Pod pod, V1Container container, string containerId, BundlePaths paths)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(paths);
        if (string.IsNullOrEmpty(pod.Metadata?.Name) || string.IsNullOrEmpty(pod.Metadata.Uid))
        {
            throw new ArgumentException("The pod needs metadata.name and metadata.uid.", nameof(pod));
        }
        if (string.IsNullOrEmpty(containerId) || containerId.Contains('/'))
        {
            throw new ArgumentException($"'{containerId}' is not a container id.", nameof(containerId));
        }
        if (container.SecurityContext?.Privileged == true)
        {
            throw new NotSupportedException($"Container '{container.Name}' asks to be privileged, which the agent does not support yet.");
        }

        var environment = ContainerEnvironment.For(pod, container);
        var hostname = PodHostname.Of(pod);
        return new OciSpec
        {
            Process = new OciProcess
            {
                Args = ContainerCommand.Resolve(container, environment.Lookup),
                Env = environment.ToOci(hostname),
                Cwd = WorkingDirectory(container),
                User = User(pod, container),
                Capabilities = OciDefaults.Capabilities,
                // Kubernetes sets no_new_privs only when allowPrivilegeEscalation is explicitly false.
                NoNewPrivileges = container.SecurityContext?.AllowPrivilegeEscalation == false,
            },
            Root = new OciRoot
            {
                Path = Path.GetFullPath(paths.Rootfs),
                Readonly = container.SecurityContext?.ReadOnlyRootFilesystem == true,
            },
            Hostname = hostname,
            Mounts = [.. OciDefaults.Mounts, .. VolumeBinds.For(container, paths.Volumes)],
            Linux = new OciLinux
            {
                Namespaces = OciDefaults.Namespaces,
                Resources = KubeletResources.For(container.Resources, _options.PidsLimit),
                // One cgroup per pod with one per container under it, as the kubelet's cgroupfs driver lays them out.
                CgroupsPath = $"{_options.CgroupParent.TrimEnd('/')}/pod{pod.Metadata.Uid}/{containerId}",
                MaskedPaths = OciDefaults.MaskedPaths,
                ReadonlyPaths = OciDefaults.ReadonlyPaths,
            },
        };
    }

    private static string WorkingDirectory(V1Container container)
    {
        var directory = string.IsNullOrEmpty(container.WorkingDir) ? "/" : container.WorkingDir;
        return directory.StartsWith('/')
            ? directory
            : throw new ArgumentException($"Container '{container.Name}' has workingDir '{directory}', which is not an absolute path.");
    }

    // The container's securityContext wins field by field over the pod's; unset means root, as with an image
    // that names no user.
    private static OciUser User(V1Pod pod, V1Container container)
    {
        var uid = container.SecurityContext?.RunAsUser ?? pod.Spec?.SecurityContext?.RunAsUser ?? 0;
        var gid = container.SecurityContext?.RunAsGroup ?? pod.Spec?.SecurityContext?.RunAsGroup ?? 0;
        return new OciUser { Uid = Id(uid, "runAsUser", container), Gid = Id(gid, "runAsGroup", container) };
    }

    private static uint Id(long value, string field, V1Container container) =>
        value is >= 0 and <= uint.MaxValue
            ? (uint)value
            : throw new ArgumentException($"Container '{container.Name}' has {field} {value}, outside 0..{uint.MaxValue}.");
}
