using System.Text.Json.Nodes;
using k8s.Models;
using static Orchestrator.Apply.Tests.Manifests;

namespace Orchestrator.Apply.Tests;

public class ServerSideApplyTrackUpdateTests
{
    private static JsonObject Track(JsonObject? old, JsonObject updated, string manager, DateTimeOffset now, Type? type = null) =>
        ServerSideApply.TrackUpdate(old, updated, manager, type ?? typeof(V1Deployment), now, "apps/v1");

    [Fact]
    public void An_update_moves_ownership_of_the_fields_it_changed()
    {
        var live = ServerSideApply.Apply(null, Deployment(replicas: 2), "kubectl", false, typeof(V1Deployment), T0, "apps/v1").Object!;
        var scaled = live.DeepClone().AsObject();
        scaled["spec"]!["replicas"] = 9;

        var result = Track(live, scaled, "kubectl-scale", T1);

        Assert.Equal(9, (int)result["spec"]!["replicas"]!);
        var entry = Entry(result, "kubectl-scale");
        Assert.Equal("Update", (string?)entry["operation"]);
        Assert.Equal("2025-01-02T03:05:05Z", (string?)entry["time"]);
        Assert.Equal(FieldsJson("{'f:spec':{'f:replicas':{}}}"), entry["fieldsV1"]!.ToJsonString());
        Assert.DoesNotContain("f:replicas", FieldsV1(result, "kubectl"));
        // Appliers sort before updaters.
        Assert.Equal(["kubectl", "kubectl-scale"], ManagedFields(result).Select(e => (string?)e!["manager"]));
    }

    [Fact]
    public void A_create_by_update_owns_new_maps_themselves_as_Kubernetes_records_them()
    {
        var configMap = Json("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"b"}},"data":{"k":"v"}}""");

        var result = ServerSideApply.TrackUpdate(null, configMap, "kubectl-create", typeof(V1ConfigMap), T0, "v1");

        // A map that was absent before is itself added ("."), as structured-merge-diff's compare records it;
        // metadata is Go's non-pointer struct, so never "added" on its own.
        Assert.Equal(
            FieldsJson("{'f:data':{'.':{},'f:k':{}},'f:metadata':{'f:labels':{'.':{},'f:a':{}}}}"),
            FieldsV1(result, "kubectl-create"));
    }

    [Fact]
    public void Updates_by_the_same_manager_and_version_merge_into_one_entry()
    {
        var created = Track(null, Deployment(replicas: 1), "editor", T0);
        var changed = created.DeepClone().AsObject();
        changed["spec"]!["replicas"] = 2;

        var result = Track(created, changed, "editor", T1);

        var entry = Assert.Single(ManagedFields(result))!;
        Assert.Equal("2025-01-02T03:05:05Z", (string?)entry["time"]);
        Assert.Contains("f:image", entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public void A_manager_left_with_no_fields_is_dropped()
    {
        var created = Track(null, Json("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1}}"""), "first", T0);
        var changed = created.DeepClone().AsObject();
        changed["spec"]!["replicas"] = 2;

        var result = Track(created, changed, "second", T1);

        Assert.Equal(["second"], ManagedFields(result).Select(e => (string?)e!["manager"]));
    }

    [Fact]
    public void An_update_that_changes_nothing_keeps_the_managed_fields_as_they_were()
    {
        var created = Track(null, Deployment(), "editor", T0);

        var result = Track(created, created.DeepClone().AsObject(), "other", T1);

        Assert.True(JsonNode.DeepEquals(created, result));
    }

    [Fact]
    public void Removing_a_field_removes_it_from_every_manager()
    {
        var live = ServerSideApply.Apply(null, Deployment(labels: """{"app":"web","tier":"front"}"""), "kubectl", false, typeof(V1Deployment), T0, "apps/v1").Object!;
        var edited = live.DeepClone().AsObject();
        edited["metadata"]!["labels"]!.AsObject().Remove("tier");

        var result = Track(live, edited, "kubectl-edit", T1);

        Assert.DoesNotContain("f:tier", FieldsV1(result, "kubectl"));
        Assert.Single(ManagedFields(result));
    }

    [Fact]
    public void A_status_write_moves_no_fields_of_the_creator_and_writes_its_entry_back_as_stored()
    {
        var pod = Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
        var created = ServerSideApply.TrackUpdate(null, pod, "creator", typeof(V1Pod), T0, "v1");
        var creatorEntry = FieldsV1(created, "creator");
        var running = created.DeepClone().AsObject();
        running["status"] = Json("""{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}""");

        var result = ServerSideApply.TrackUpdate(created, running, "kubelet", typeof(V1Pod), T1, "v1");

        Assert.Equal(creatorEntry, FieldsV1(result, "creator"));
        Assert.Equal(
            FieldsJson("{'f:status':{'f:conditions':{'.':{},'k:{\\'type\\':\\'Ready\\'}':{'.':{},'f:status':{},'f:type':{}}},'f:phase':{}}}"),
            FieldsV1(result, "kubelet"));
    }
}
