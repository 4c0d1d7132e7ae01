using k8s.Models;

namespace Orchestrator.Agent.Tests.Testing;

/// <summary>Pods and containers for the tests, each pod with a fresh uid.</summary>
public static class Pods
{
    public static V1Pod Named(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = Guid.NewGuid().ToString() },
        Spec = new V1PodSpec { Containers = [] },
    };

    public static V1Container Container(params string[] command) => new() { Name = "main", Command = [.. command] };

    public static V1EnvVar Env(string name, string value) => new() { Name = name, Value = value };

    public static V1VolumeMount Mount(string path, string volume, bool readOnly = false, string? subPath = null) =>
        new() { MountPath = path, Name = volume, ReadOnlyProperty = readOnly, SubPath = subPath };

    public static V1Container WithLimits(this V1Container container, string? cpu = null, string? memory = null)
    {
        container.Resources ??= new V1ResourceRequirements();
        container.Resources.Limits ??= new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            container.Resources.Limits["cpu"] = new ResourceQuantity(cpu);
        }
        if (memory is not null)
        {
            container.Resources.Limits["memory"] = new ResourceQuantity(memory);
        }
        return container;
    }
}
