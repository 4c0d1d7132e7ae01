using System.Net;
using k8s;
using k8s.Models;
using Orchestrator.Client;

namespace Orchestrator.Agent.Pods;

/// <summary>Reads ConfigMaps and Secrets through the API, each call through the Write pipeline (one object, short timeout).</summary>
internal sealed class ApiPodConfigSource(AgentContext context) : IPodConfigSource
{
    public async Task<V1ConfigMap?> ReadConfigMapAsync(string namespaceName, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await context.WriteAsync(token => context.Client.CoreV1.ReadNamespacedConfigMapAsync(name, namespaceName, cancellationToken: token), cancellationToken);
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    public async Task<V1Secret?> ReadSecretAsync(string namespaceName, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await context.WriteAsync(token => context.Client.CoreV1.ReadNamespacedSecretAsync(name, namespaceName, cancellationToken: token), cancellationToken);
        }
        catch (Exception e) when (ApiPipelines.IsStatus(e, HttpStatusCode.NotFound))
        {
            return null;
        }
    }
}
