using k8s.Models;

namespace Orchestrator.Agent.Pods;

/// <summary>Reads the ConfigMaps and Secrets that a pod's volumes project into files.</summary>
public interface IPodConfigSource
{
    /// <summary>The ConfigMap, or null when it does not exist.</summary>
    Task<V1ConfigMap?> ReadConfigMapAsync(string namespaceName, string name, CancellationToken cancellationToken);

    /// <summary>The Secret, or null when it does not exist.</summary>
    Task<V1Secret?> ReadSecretAsync(string namespaceName, string name, CancellationToken cancellationToken);
}
