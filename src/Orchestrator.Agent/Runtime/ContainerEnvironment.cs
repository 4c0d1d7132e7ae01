using k8s.Models;

namespace Orchestrator.Agent.Runtime;

/// <summary>A container's environment, built in order with each value expanded against those before it.</summary>
internal sealed class ContainerEnvironment
{
    // With no image config to supply PATH, containerd's default keeps `sh -c` and friends findable.
    internal const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private readonly List<string> _order = [];
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static ContainerEnvironment For(V1Pod pod, V1Container container)
    {
        if (container.EnvFrom is { Count: > 0 })
        {
            throw new NotSupportedException(
                $"Container '{container.Name}' uses envFrom; the agent does not read ConfigMaps or Secrets into the environment yet.");
        }
        var environment = new ContainerEnvironment();
        foreach (var variable in container.Env ?? [])
        {
            // As in the kubelet, only literal values are expanded, and only against variables defined earlier.
            var value = variable.ValueFrom is null
                ? KubernetesExpansion.Expand(variable.Value ?? string.Empty, environment.Lookup)
                : FieldReference(pod, container, variable);
            environment.Set(variable.Name, value);
        }
        return environment;
    }

    public string? Lookup(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>NAME=value pairs for the OCI spec: PATH and HOSTNAME defaults first, unless the pod sets them.</summary>
    public IReadOnlyList<string> ToOci(string hostname)
    {
        var result = new List<string>();
        if (!_values.ContainsKey("PATH"))
        {
            result.Add(DefaultPath);
        }
        if (!_values.ContainsKey("HOSTNAME"))
        {
            result.Add($"HOSTNAME={hostname}");
        }
        result.AddRange(_order.Select(name => $"{name}={_values[name]}"));
        return result;
    }

    private void Set(string name, string value)
    {
        if (!_values.ContainsKey(name))
        {
            _order.Add(name);
        }
        _values[name] = value;
    }

    private static string FieldReference(V1Pod pod, V1Container container, V1EnvVar variable)
    {
        var path = variable.ValueFrom.FieldRef?.FieldPath;
        return path switch
        {
            "metadata.name" => pod.Metadata.Name,
            "metadata.namespace" => pod.Metadata.NamespaceProperty ?? "default",
            "metadata.uid" => pod.Metadata.Uid,
            "spec.nodeName" => pod.Spec.NodeName,
            "spec.serviceAccountName" => pod.Spec.ServiceAccountName,
            "status.podIP" => pod.Status?.PodIP,
            "status.hostIP" => pod.Status?.HostIP,
            _ => null,
        } ?? throw new NotSupportedException(
            $"Env '{variable.Name}' of container '{container.Name}' comes from {Describe(variable.ValueFrom)}, which the agent " +
            "does not resolve yet; only fieldRef to metadata.name/namespace/uid, spec.nodeName/serviceAccountName and " +
            "status.podIP/hostIP (when set) are supported.");
    }

    private static string Describe(V1EnvVarSource source) =>
        source.FieldRef is not null ? $"fieldRef '{source.FieldRef.FieldPath}'"
        : source.ConfigMapKeyRef is not null ? "a configMapKeyRef"
        : source.SecretKeyRef is not null ? "a secretKeyRef"
        : "a resourceFieldRef";
}
