namespace Orchestrator.Tests.Controllers;

/// <summary>Manifests the controller tests apply.</summary>
public static class Workloads
{
    public static string Deployment(string ns, string name, int replicas, string image = "nginx:1.26", string strategy = "",
        string templateMetadata = "", string podSpec = "", int progressDeadlineSeconds = 600) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{{name}}}, namespace: {{{ns}}}, labels: {app: {{{name}}}}}
        spec:
          replicas: {{{replicas}}}
          progressDeadlineSeconds: {{{progressDeadlineSeconds}}}
          selector: {matchLabels: {app: {{{name}}}}}
          {{{strategy}}}
          template:
            metadata: {labels: {app: {{{name}}}}{{{templateMetadata}}}}
            spec:
              {{{podSpec}}}
              containers: [{name: web, image: "{{{image}}}"}]
        """;
}
