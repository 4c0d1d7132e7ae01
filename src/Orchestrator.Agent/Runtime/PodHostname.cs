using k8s.Models;

namespace Orchestrator.Agent.Runtime;

/// <summary>The hostname a pod's containers see, as the kubelet picks it.</summary>
internal static class PodHostname
{
    private const int MaxLength = 63;

    public static string Of(V1Pod pod)
    {
        var hostname = string.IsNullOrEmpty(pod.Spec?.Hostname) ? pod.Metadata.Name : pod.Spec.Hostname;
        // A pod name may be 253 characters but a hostname label only 63; the kubelet cuts and trims the same way.
        return hostname.Length <= MaxLength ? hostname : hostname[..MaxLength].TrimEnd('-', '.');
    }
}
