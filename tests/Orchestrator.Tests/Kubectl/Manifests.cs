namespace Orchestrator.Tests.Kubectl;

/// <summary>The YAML the kubectl tests apply.</summary>
internal static class Manifests
{
    public static string App(string ns, string image = "busybox:1.36", int replicas = 2, string env = "{name: A, value: \"1\"}") => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {{ns}}
          labels: {app: web}
        spec:
          replicas: {{replicas}}
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: {{image}}
                env:
                - {{env}}
                resources:
                  requests: {cpu: 100m, memory: 64Mi}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: {{ns}}
        spec:
          selector: {app: web}
          ports:
          - port: 80
            targetPort: 8080
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: {{ns}}
        data:
          mode: fast
        """;

    public static string Pod(string ns, string name) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          namespace: {{ns}}
          labels: {app: solo}
        spec:
          containers:
          - name: main
            image: busybox:1.36
        """;
}
