using System.Text.Json.Nodes;
using k8s.Models;
using static Orchestrator.Apply.Tests.Manifests;

namespace Orchestrator.Apply.Tests;

/// <summary>
/// TrackUpdate on realistic objects, against the managed fields the first (path-copying, clone-returning) implementation
/// wrote for them: a create walks the object once, an update compares, and both must record exactly what they did.
/// </summary>
public class ServerSideApplyTrackUpdateEquivalenceTests
{
    public static TheoryData<string> Kinds => ["Pod", "Deployment", "Service", "ConfigMap"];

    private const string PodJson = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p1","namespace":"default","labels":{"app":"web","tier":"front"}},"spec":{"containers":[{"name":"c","image":"nginx:1.27","command":["sleep","3600"],"resources":{"requests":{"cpu":"100m","memory":"64Mi"},"limits":{"cpu":"200m","memory":"128Mi"}}}]}}
        """;

    private const string PodCreated = """
        [{"manager":"creator","operation":"Update","apiVersion":"v1","time":"2025-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{},"f:tier":{}}},"f:spec":{"f:containers":{".":{},"k:{\"name\":\"c\"}":{".":{},"f:command":{},"f:image":{},"f:name":{},"f:resources":{".":{},"f:limits":{".":{},"f:cpu":{},"f:memory":{}},"f:requests":{".":{},"f:cpu":{},"f:memory":{}}}}}}}}]
        """;

    private const string PodEdited = """
        [{"manager":"applier","operation":"Apply","apiVersion":"v1","time":"2025-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:tier":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:command":{},"f:image":{},"f:name":{},"f:resources":{"f:limits":{"f:cpu":{},"f:memory":{}},"f:requests":{"f:cpu":{},"f:memory":{}}}}}}}},{"manager":"editor","operation":"Update","apiVersion":"v1","time":"2025-01-02T03:05:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:new":{}}}}}]
        """;

    private const string DeploymentJson = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":1}},"template":{"metadata":{"labels":{"app":"web"},"annotations":{"a":"b"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80,"name":"http"},{"containerPort":443,"protocol":"TCP"}],"env":[{"name":"A","value":"1"},{"name":"B","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],"resources":{"requests":{"cpu":"100m"},"limits":{"memory":"128Mi"}},"volumeMounts":[{"name":"data","mountPath":"/data"}]},{"name":"sidecar","image":"busybox","args":["sh","-c","tail -f /dev/null"],"readinessProbe":{"exec":{"command":["true"]},"periodSeconds":5}}],"volumes":[{"name":"data","emptyDir":{}}],"tolerations":[{"key":"k","operator":"Exists"}],"nodeSelector":{"disk":"ssd"}}}}}
        """;

    private const string DeploymentCreated = """
        [{"manager":"creator","operation":"Update","apiVersion":"apps/v1","time":"2025-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:strategy":{".":{},"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:annotations":{".":{},"f:a":{}},"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{".":{},"k:{\"name\":\"sidecar\"}":{".":{},"f:args":{},"f:image":{},"f:name":{},"f:readinessProbe":{".":{},"f:exec":{".":{},"f:command":{}},"f:periodSeconds":{}}},"k:{\"name\":\"web\"}":{".":{},"f:env":{".":{},"k:{\"name\":\"A\"}":{".":{},"f:name":{},"f:value":{}},"k:{\"name\":\"B\"}":{".":{},"f:name":{},"f:valueFrom":{".":{},"f:fieldRef":{".":{},"f:fieldPath":{}}}}},"f:image":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:name":{}},"k:{\"containerPort\":443,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},"f:resources":{".":{},"f:limits":{".":{},"f:memory":{}},"f:requests":{".":{},"f:cpu":{}}},"f:volumeMounts":{".":{},"k:{\"mountPath\":\"/data\"}":{".":{},"f:mountPath":{},"f:name":{}}}}},"f:nodeSelector":{".":{},"f:disk":{}},"f:tolerations":{},"f:volumes":{".":{},"k:{\"name\":\"data\"}":{".":{},"f:emptyDir":{},"f:name":{}}}}}}}}]
        """;

    private const string DeploymentEdited = """
        [{"manager":"applier","operation":"Apply","apiVersion":"apps/v1","time":"2025-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:annotations":{"f:a":{}},"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"sidecar\"}":{".":{},"f:args":{},"f:image":{},"f:name":{},"f:readinessProbe":{"f:exec":{"f:command":{}},"f:periodSeconds":{}}},"k:{\"name\":\"web\"}":{".":{},"f:env":{"k:{\"name\":\"A\"}":{".":{},"f:name":{},"f:value":{}},"k:{\"name\":\"B\"}":{".":{},"f:name":{},"f:valueFrom":{"f:fieldRef":{"f:fieldPath":{}}}}},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:name":{}},"k:{\"containerPort\":443,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},"f:resources":{"f:limits":{"f:memory":{}},"f:requests":{"f:cpu":{}}},"f:volumeMounts":{"k:{\"mountPath\":\"/data\"}":{".":{},"f:mountPath":{},"f:name":{}}}}},"f:nodeSelector":{"f:disk":{}},"f:tolerations":{},"f:volumes":{"k:{\"name\":\"data\"}":{".":{},"f:emptyDir":{},"f:name":{}}}}}}}},{"manager":"editor","operation":"Update","apiVersion":"apps/v1","time":"2025-01-02T03:05:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:new":{}}}}}]
        """;

    private const string ServiceJson = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"default","labels":{"app":"web"},"annotations":{"x":"y"}},"spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":8080},{"name":"dns","port":53,"protocol":"UDP"}],"type":"ClusterIP","clusterIP":"10.0.0.5","clusterIPs":["10.0.0.5"]}}
        """;

    private const string ServiceCreated = """
        [{"manager":"creator","operation":"Update","apiVersion":"v1","time":"2025-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{".":{},"f:x":{}},"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:clusterIP":{},"f:clusterIPs":{},"f:ports":{".":{},"k:{\"port\":53,\"protocol\":\"UDP\"}":{".":{},"f:name":{},"f:port":{},"f:protocol":{}},"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:name":{},"f:port":{},"f:targetPort":{}}},"f:selector":{".":{},"f:app":{}},"f:type":{}}}}]
        """;

    private const string ServiceEdited = """
        [{"manager":"applier","operation":"Apply","apiVersion":"v1","time":"2025-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:annotations":{"f:x":{}}},"f:spec":{"f:clusterIP":{},"f:clusterIPs":{},"f:ports":{"k:{\"port\":53,\"protocol\":\"UDP\"}":{".":{},"f:name":{},"f:port":{},"f:protocol":{}},"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:name":{},"f:port":{},"f:targetPort":{}}},"f:selector":{"f:app":{}},"f:type":{}}}},{"manager":"editor","operation":"Update","apiVersion":"v1","time":"2025-01-02T03:05:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:new":{}}}}}]
        """;

    private const string ConfigMapJson = """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default","labels":{"a":"b"},"finalizers":["x","y"],"ownerReferences":[{"apiVersion":"v1","kind":"Pod","name":"p","uid":"u1"}]},"data":{"k":"v","empty":""},"binaryData":{"b":"AAEC"}}
        """;

    private const string ConfigMapCreated = """
        [{"manager":"creator","operation":"Update","apiVersion":"v1","time":"2025-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:binaryData":{".":{},"f:b":{}},"f:data":{".":{},"f:empty":{},"f:k":{}},"f:metadata":{"f:finalizers":{".":{},"v:\"x\"":{},"v:\"y\"":{}},"f:labels":{".":{},"f:a":{}},"f:ownerReferences":{".":{},"k:{\"uid\":\"u1\"}":{".":{},"f:apiVersion":{},"f:kind":{},"f:name":{},"f:uid":{}}}}}}]
        """;

    private const string ConfigMapEdited = """
        [{"manager":"applier","operation":"Apply","apiVersion":"v1","time":"2025-01-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:binaryData":{"f:b":{}},"f:data":{"f:empty":{},"f:k":{}},"f:metadata":{"f:finalizers":{"v:\"x\"":{},"v:\"y\"":{}},"f:labels":{"f:a":{}},"f:ownerReferences":{"k:{\"uid\":\"u1\"}":{".":{},"f:apiVersion":{},"f:kind":{},"f:name":{},"f:uid":{}}}}}},{"manager":"editor","operation":"Update","apiVersion":"v1","time":"2025-01-02T03:05:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:new":{}}}}}]
        """;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_create_records_the_managed_fields_the_full_comparison_recorded(string kind)
    {
        var (json, type, version, created, _) = Case(kind);

        var result = ServerSideApply.TrackUpdate(null, Json(json), "creator", type, T0, version);

        Assert.Equal(created, ManagedFields(result).ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_create_records_the_same_as_an_update_from_an_empty_object(string kind)
    {
        var (json, type, version, _, _) = Case(kind);

        var fromNothing = ServerSideApply.TrackUpdate(null, Json(json), "creator", type, T0, version);
        var fromEmpty = ServerSideApply.TrackUpdate(new JsonObject(), Json(json), "creator", type, T0, version);

        Assert.Equal(fromEmpty.ToJsonString(), fromNothing.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_edit_of_an_applied_object_records_what_the_full_comparison_recorded(string kind)
    {
        var (json, type, version, _, edited) = Case(kind);
        var applied = ServerSideApply.Apply(null, Json(json), "applier", false, type, T0, version).Object!;
        var before = applied.ToJsonString();
        var edit = applied.DeepClone().AsObject();
        edit["metadata"]!["labels"]!["new"] = "1";
        edit["metadata"]!["labels"]!.AsObject().Remove("app");

        var result = ServerSideApply.TrackUpdate(applied, edit, "editor", type, T1, version);

        Assert.Equal(edited, ManagedFields(result).ToJsonString());
        Assert.Same(edit, result);
        Assert.Equal(before, applied.ToJsonString());
    }

    [Fact]
    public void An_update_that_changes_nothing_returns_the_stored_managed_fields()
    {
        var live = ServerSideApply.TrackUpdate(null, Json(DeploymentJson), "creator", typeof(V1Deployment), T0, "apps/v1");

        var result = ServerSideApply.TrackUpdate(live, live.DeepClone().AsObject(), "other", typeof(V1Deployment), T1, "apps/v1");

        Assert.Equal(live.ToJsonString(), result.ToJsonString());
    }

    private static (string Json, Type Type, string Version, string Created, string Edited) Case(string kind) => kind switch
    {
        "Pod" => (PodJson, typeof(V1Pod), "v1", Compact(PodCreated), Compact(PodEdited)),
        "Deployment" => (DeploymentJson, typeof(V1Deployment), "apps/v1", Compact(DeploymentCreated), Compact(DeploymentEdited)),
        "Service" => (ServiceJson, typeof(V1Service), "v1", Compact(ServiceCreated), Compact(ServiceEdited)),
        _ => (ConfigMapJson, typeof(V1ConfigMap), "v1", Compact(ConfigMapCreated), Compact(ConfigMapEdited)),
    };

    private static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();
}
