using System.Text.Json.Nodes;
using k8s.Models;
using static Orchestrator.Apply.Tests.Manifests;

namespace Orchestrator.Apply.Tests;

public class ServerSideApplyTests
{
    private static ApplyResult Apply(JsonObject? live, JsonObject applied, string manager, DateTimeOffset now, bool force = false) =>
        ServerSideApply.Apply(live, applied, manager, force, typeof(V1Deployment), now, "apps/v1");

    [Fact]
    public void Create_via_apply_records_fieldsV1_exactly_as_Kubernetes_would()
    {
        var result = Apply(null, Deployment(), "kubectl", T0);

        // Worked out from structured-merge-diff's ToFieldSet plus the apiserver's stripped paths:
        // - apiVersion, kind, metadata, metadata.name and metadata.namespace are never owned;
        // - a struct (metadata, spec, template) is not a member itself, only its fields are;
        // - labels is a map: each key is a member (f:app), the map itself is not (no "." under an applier's labels);
        // - selector is a LabelSelector, +structType=atomic: owned whole as f:selector, nothing beneath;
        // - containers is listType=map keyed by name: the element k:{"name":"web"} is a member (".") with its fields;
        // - ports is keyed by containerPort and protocol; the missing protocol takes its default "TCP" in the key;
        // - children are written in order: fields by name, then keys.
        var expected = FieldsJson("""
            {'f:metadata':{'f:labels':{'f:app':{}}},
             'f:spec':{'f:replicas':{},'f:selector':{},
               'f:template':{'f:metadata':{'f:labels':{'f:app':{}}},
                 'f:spec':{'f:containers':{'k:{\'name\':\'web\'}':{'.':{},'f:image':{},'f:name':{},
                   'f:ports':{'k:{\'containerPort\':80,\'protocol\':\'TCP\'}':{'.':{},'f:containerPort':{}}}}}}}}}
            """);
        Assert.True(result.Succeeded);
        var entry = Assert.Single(ManagedFields(result.Object!))!.AsObject();
        Assert.Equal(
            ["manager", "operation", "apiVersion", "time", "fieldsType", "fieldsV1"],
            entry.Select(p => p.Key));
        Assert.Equal("kubectl", (string?)entry["manager"]);
        Assert.Equal("Apply", (string?)entry["operation"]);
        Assert.Equal("apps/v1", (string?)entry["apiVersion"]);
        Assert.Equal("2025-01-02T03:04:05Z", (string?)entry["time"]);
        Assert.Equal("FieldsV1", (string?)entry["fieldsType"]);
        Assert.Equal(expected, entry["fieldsV1"]!.ToJsonString());
        Assert.Equal(2, (int)result.Object!["spec"]!["replicas"]!);
    }

    [Fact]
    public void Reapplying_without_a_label_removes_it_from_the_object()
    {
        var live = Apply(null, Deployment(labels: """{"app":"web","tier":"front"}"""), "kubectl", T0).Object;

        var result = Apply(live, Deployment(), "kubectl", T1);

        Assert.Equal("""{"app":"web"}""", result.Object!["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal("2025-01-02T03:05:05Z", (string?)Entry(result.Object, "kubectl")["time"]);
    }

    [Fact]
    public void Reapplying_without_a_label_another_manager_also_owns_keeps_it()
    {
        var live = Apply(null, Deployment(labels: """{"app":"web","tier":"front"}"""), "kubectl", T0).Object;
        live = Apply(live, Json("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"tier":"front"}}}"""), "labeller", T1).Object;

        var result = Apply(live, Deployment(), "kubectl", T2);

        Assert.Equal("""{"app":"web","tier":"front"}""", result.Object!["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal(FieldsJson("{'f:metadata':{'f:labels':{'f:tier':{}}}}"), FieldsV1(result.Object, "labeller"));
    }

    [Fact]
    public void Two_managers_applying_the_same_value_share_the_field_without_conflict()
    {
        var live = Apply(null, Deployment(replicas: 3), "kubectl", T0).Object;

        var result = Apply(live, Json("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}}"""), "autoscaler", T1);

        Assert.True(result.Succeeded);
        Assert.Equal(FieldsJson("{'f:spec':{'f:replicas':{}}}"), FieldsV1(result.Object!, "autoscaler"));
        Assert.Contains("\"f:replicas\"", FieldsV1(result.Object!, "kubectl"));
    }

    [Fact]
    public void A_different_value_for_a_field_an_updater_owns_is_a_conflict_worded_as_the_apiserver_words_it()
    {
        var created = ServerSideApply.TrackUpdate(null, Deployment(replicas: 1), "kubectl-client-side-apply", typeof(V1Deployment), T0, "apps/v1");

        var result = Apply(created, Deployment(replicas: 5), "kubectl", T1);

        Assert.False(result.Succeeded);
        Assert.Null(result.Object);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(new ApplyConflict("kubectl-client-side-apply", ".spec.replicas") { Operation = "Update", ApiVersion = "apps/v1" }, conflict);
        Assert.Equal("""Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas""", result.ConflictMessage());
        Assert.Equal("""conflict with "kubectl-client-side-apply" using apps/v1""", conflict.CauseMessage);
    }

    [Fact]
    public void Several_conflicts_are_listed_by_manager_with_paths_as_Kubernetes_prints_them()
    {
        // Managers in identifier order; paths in fieldpath.Set iteration order (a level's members, then each child's).
        var live = Apply(null, Deployment(replicas: 1), "kubectl", T0).Object;
        live = Apply(live, Json("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"replicas":1}}"""), "argo", T1).Object;

        var result = Apply(live, Deployment(replicas: 4, image: "nginx:1.28", labels: """{"app":"api"}"""), "helm", T2);

        Assert.Equal(
            """
            Apply failed with 5 conflicts: conflicts with "argo":
            - .metadata.labels.app
            - .spec.replicas
            conflicts with "kubectl":
            - .metadata.labels.app
            - .spec.replicas
            - .spec.template.spec.containers[name="web"].image
            """.ReplaceLineEndings("\n"),
            result.ConflictMessage());
    }

    [Fact]
    public void Forcing_a_conflicting_value_moves_ownership_to_the_applier()
    {
        var live = Apply(null, Deployment(replicas: 1), "kubectl", T0).Object;

        var result = Apply(live, Json("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":7}}"""), "autoscaler", T1, force: true);

        Assert.True(result.Succeeded);
        Assert.Equal(7, (int)result.Object!["spec"]!["replicas"]!);
        Assert.Equal(FieldsJson("{'f:spec':{'f:replicas':{}}}"), FieldsV1(result.Object, "autoscaler"));
        Assert.DoesNotContain("f:replicas", FieldsV1(result.Object, "kubectl"));
    }

    [Fact]
    public void Containers_merge_by_name_so_two_managers_each_own_their_own_container()
    {
        var live = Apply(null, Deployment(), "kubectl", T0).Object;
        var sidecar = Json("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"template":{"spec":{"containers":[{"name":"proxy","image":"envoy:1.31"}]}}}}
            """);

        var result = Apply(live, sidecar, "mesh", T1);

        var containers = result.Object!["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["web", "proxy"], containers.Select(c => (string?)c!["name"]));
        Assert.Equal(
            FieldsJson("{'f:spec':{'f:template':{'f:spec':{'f:containers':{'k:{\\'name\\':\\'proxy\\'}':{'.':{},'f:image':{},'f:name':{}}}}}}}"),
            FieldsV1(result.Object, "mesh"));
        Assert.DoesNotContain("proxy", FieldsV1(result.Object, "kubectl"));

        var withoutWeb = Deployment();
        withoutWeb["spec"]!["template"]!["spec"]!["containers"] = new JsonArray();
        var pruned = Apply(result.Object, withoutWeb, "kubectl", T2).Object!;
        Assert.Equal(["proxy"], pruned["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => (string?)c!["name"]));
    }

    [Fact]
    public void A_conflict_inside_a_keyed_list_names_the_element_by_its_key()
    {
        var live = Apply(null, Deployment(), "kubectl", T0).Object;
        var bump = Json("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}
            """);

        var result = Apply(live, bump, "ci", T1);

        Assert.Equal(
            """Apply failed with 1 conflict: conflict with "kubectl": .spec.template.spec.containers[name="web"].image""",
            result.ConflictMessage());
    }

    [Fact]
    public void Applying_the_same_configuration_again_changes_nothing_not_even_the_time()
    {
        var live = Apply(null, Deployment(), "kubectl", T0).Object!;

        var result = Apply(live, Deployment(), "kubectl", T2);

        Assert.True(JsonNode.DeepEquals(live, result.Object));
    }

    [Fact]
    public void Applying_to_an_object_without_managed_fields_gives_its_fields_to_before_first_apply()
    {
        var legacy = Deployment(replicas: 1);

        var result = Apply(legacy, Deployment(replicas: 2), "kubectl", T1);

        Assert.Equal(".spec.replicas", Assert.Single(result.Conflicts).FieldPath);
        Assert.Equal("before-first-apply", result.Conflicts[0].Manager);
        var forced = Apply(legacy, Deployment(replicas: 2), "kubectl", T1, force: true).Object!;
        Assert.DoesNotContain("f:replicas", FieldsV1(forced, "before-first-apply"));
    }

    [Fact]
    public void Quantities_and_int_or_strings_are_leaves_and_service_ports_are_keyed_by_port_and_protocol()
    {
        var service = Json("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},
             "spec":{"ports":[{"port":80,"targetPort":"http"},{"port":53,"protocol":"UDP","targetPort":53}]}}
            """);
        var strategy = Json("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"strategy":{"rollingUpdate":{"maxSurge":"25%"}},
               "template":{"spec":{"containers":[{"name":"web","resources":{"limits":{"cpu":"500m"}}}]}}}}
            """);

        var svc = ServerSideApply.Apply(null, service, "kubectl", false, typeof(V1Service), T0, "v1").Object!;
        var deploy = Apply(null, strategy, "kubectl", T0).Object!;

        Assert.Equal(
            FieldsJson("""
                {'f:spec':{'f:ports':{
                  'k:{\'port\':53,\'protocol\':\'UDP\'}':{'.':{},'f:port':{},'f:protocol':{},'f:targetPort':{}},
                  'k:{\'port\':80,\'protocol\':\'TCP\'}':{'.':{},'f:port':{},'f:targetPort':{}}}}}
                """),
            FieldsV1(svc, "kubectl"));
        Assert.Equal(
            FieldsJson("""
                {'f:spec':{'f:strategy':{'f:rollingUpdate':{'f:maxSurge':{}}},
                  'f:template':{'f:spec':{'f:containers':{'k:{\'name\':\'web\'}':{'.':{},'f:name':{},'f:resources':{'f:limits':{'f:cpu':{}}}}}}}}}
                """),
            FieldsV1(deploy, "kubectl"));
    }
}
