using System.Text.Json.Nodes;
using Orchestrator.Admission;
using Orchestrator.Api.Http;
using Orchestrator.Api.Objects;
using Orchestrator.Core.Resources;

namespace Orchestrator.Hosting;

/// <summary>Creates what every Kubernetes cluster has from its first second: the four namespaces and the system priority classes.</summary>
public sealed class Bootstrap(ObjectWriter writer, ResourceRegistry registry) : IHostedService
{
    private static readonly string[] Namespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new WriteOptions("orchestrator-bootstrap", "Strict", DryRun: false);
        var namespaces = registry.Find("", "v1", "namespaces")!;
        foreach (var name in Namespaces)
        {
            await EnsureAsync(namespaces, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = name },
            }, options);
        }
        var priorityClasses = registry.Find("scheduling.k8s.io", "v1", "priorityclasses")!;
        foreach (var builtIn in PriorityResolver.BuiltIns)
        {
            await EnsureAsync(priorityClasses, new JsonObject
            {
                ["apiVersion"] = "scheduling.k8s.io/v1",
                ["kind"] = "PriorityClass",
                ["metadata"] = new JsonObject { ["name"] = builtIn.Name },
                ["value"] = builtIn.Value,
                ["description"] = "Used for system critical pods that must not be moved from their current node.",
            }, options);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureAsync(ResourceDescriptor resource, JsonObject obj, WriteOptions options)
    {
        var name = obj["metadata"]!["name"]!.GetValue<string>();
        if (writer.Store.Get(resource, null, name) is not null)
        {
            return;
        }
        try
        {
            await writer.CreateAsync(resource, null, obj, options);
        }
        catch (ApiException e) when (e.Code == 409)
        {
            // Created concurrently by another silo: what matters is that it exists.
        }
    }
}
