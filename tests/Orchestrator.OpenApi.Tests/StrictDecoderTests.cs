using System.Text.Json.Nodes;
using k8s.Models;

namespace Orchestrator.OpenApi.Tests;

public class StrictDecoderTests
{
    private const string Deployment = """
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"},
                       "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
          "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": "web"}},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}},
            "template": {
              "metadata": {"labels": {"app": "web"}},
              "spec": {
                "containers": [{
                  "name": "web",
                  "image": "nginx:1.27",
                  "ports": [{"containerPort": 80, "protocol": "TCP"}],
                  "env": [{"name": "MODE", "value": "prod"}],
                  "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"cpu": 1, "memory": "256Mi"}},
                  "readinessProbe": {"httpGet": {"path": "/", "port": "http"}, "periodSeconds": 5}
                }],
                "terminationGracePeriodSeconds": 30,
                "nodeSelector": {"kubernetes.io/os": "linux"}
              }
            }
          },
          "status": {"replicas": 3, "conditions": [{"type": "Available", "status": "True", "lastUpdateTime": "2025-01-01T00:00:00Z"}]}
        }
        """;

    private static IReadOnlyList<FieldProblem> Check(string json, Type type) => StrictDecoder.Check(JsonNode.Parse(json)!, type);

    [Fact]
    public void ARealisticDeploymentHasNoProblems()
    {
        Assert.Empty(Check(Deployment, typeof(V1Deployment)));
    }

    [Fact]
    public void NestedUnknownFieldsAreReportedWithTheirFullPath()
    {
        var deployment = JsonNode.Parse(Deployment)!;
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["foo"] = 1;
        deployment["spec"]!["bar"] = "x";

        var problems = StrictDecoder.Check(deployment, typeof(V1Deployment));

        Assert.Equal(
            [
                new FieldProblem("spec.template.spec.containers[0].foo", "unknown field \"spec.template.spec.containers[0].foo\""),
                new FieldProblem("spec.bar", "unknown field \"spec.bar\""),
            ],
            problems);
        Assert.All(problems, p => Assert.True(p.IsUnknownField));
    }

    [Fact]
    public void FieldNamesAreCaseSensitive()
    {
        Assert.Equal(["spec.Replicas"], Check("""{"spec": {"Replicas": 1}}""", typeof(V1Deployment)).Select(p => p.Path));
    }

    [Fact]
    public void ApiVersionKindAndMetadataAreKnownOnEveryKind()
    {
        Assert.Empty(Check("""{"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "p"}, "target": {"name": "n1"}}""", typeof(V1Binding)));
    }

    [Fact]
    public void AStringWhereAListOfObjectsBelongsIsAnError()
    {
        var problem = Assert.Single(Check("""{"spec": {"containers": "nginx"}}""", typeof(V1Pod)));

        Assert.Equal("spec.containers", problem.Path);
        Assert.Equal("json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container", problem.Message);
        Assert.False(problem.IsUnknownField);
    }

    [Fact]
    public void ANonIntegerInAnInt32FieldIsAnError()
    {
        var problem = Assert.Single(Check("""{"spec": {"containers": [{"name": "a", "ports": [{"containerPort": 80.5}]}]}}""", typeof(V1Pod)));

        Assert.Equal("spec.containers[0].ports[0].containerPort", problem.Path);
        Assert.Equal(
            "json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
            problem.Message);
    }

    [Fact]
    public void MapsAcceptAnyKeyButNotAnyValue()
    {
        var problem = Assert.Single(Check("""{"metadata": {"labels": {"a.b/c": "ok", "n": 1}}, "data": {"k": "v"}}""", typeof(V1ConfigMap)));

        Assert.Equal("metadata.labels.n", problem.Path);
        Assert.Equal("json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string", problem.Message);
    }

    [Fact]
    public void IntOrStringAcceptsIntegersAndStringsOnly()
    {
        Assert.Empty(Check("""{"spec": {"ports": [{"port": 80, "targetPort": 8080}, {"port": 81, "targetPort": "http"}]}}""", typeof(V1Service)));
        Assert.Single(Check("""{"spec": {"ports": [{"port": 80, "targetPort": true}]}}""", typeof(V1Service)));
    }

    [Fact]
    public void QuantitiesAreStringsOrNumbersInKubernetesSyntax()
    {
        var problems = Check("""{"spec": {"containers": [{"name": "a", "resources": {"limits": {"cpu": 2, "memory": "1Gi", "x": "lots", "y": []}}}]}}""", typeof(V1Pod));

        Assert.Equal(["spec.containers[0].resources.limits.x", "spec.containers[0].resources.limits.y"], problems.Select(p => p.Path));
        Assert.StartsWith("quantities must match the regular expression", problems[0].Message);
    }

    [Fact]
    public void SecretDataMustBeBase64()
    {
        Assert.Empty(Check("""{"data": {"password": "aHVudGVyMg=="}}""", typeof(V1Secret)));
        Assert.Equal(["data.password"], Check("""{"data": {"password": "hunter2!"}}""", typeof(V1Secret)).Select(p => p.Path));
    }

    [Fact]
    public void TheErrorMessageReadsLikeKubernetes()
    {
        var problems = Check("""{"spec": {"foo": 1, "bar": 2}}""", typeof(V1Pod));

        Assert.Equal(
            "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.foo\", unknown field \"spec.bar\"",
            StrictDecoder.ErrorMessage("Pod", "v1", problems));
    }

    [Fact]
    public void ProblemsInMapsTimesAndBase64AreReportedWithPathsSpelledOutOnlyWhenFound()
    {
        var problems = Check(
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","creationTimestamp":"yesterday"},"data":{"k":"not base64!","n":5,"ok":"AAEC"},"":{"x":1}}""",
            typeof(V1Secret));

        Assert.Equal(
            [
                new FieldProblem("metadata.creationTimestamp", "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": not an RFC 3339 time"),
                new FieldProblem("data.k", "illegal base64 data in field \"data.k\""),
                new FieldProblem("data.n", "json: cannot unmarshal number into Go struct field Secret.data of type []uint8"),
                new FieldProblem("", "unknown field \"\""),
            ],
            problems);
    }
}
