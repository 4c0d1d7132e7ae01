using System.Text.Json.Nodes;
using static Orchestrator.Admission.Tests.Objects;

namespace Orchestrator.Admission.Tests;

public class DefaulterTests
{
    [Fact]
    public void A_bare_pod_gets_the_kubernetes_pod_spec_defaults()
    {
        var pod = Pod();
        Defaulter.Apply(Kind("Pod"), pod);

        var spec = pod["spec"]!;
        Assert.Equal("Always", (string?)spec["restartPolicy"]);
        Assert.Equal("ClusterFirst", (string?)spec["dnsPolicy"]);
        Assert.Equal("default-scheduler", (string?)spec["schedulerName"]);
        Assert.Equal(30, (int?)spec["terminationGracePeriodSeconds"]);
        Assert.Equal("{}", spec["securityContext"]!.ToJsonString());
        Assert.True((bool?)spec["enableServiceLinks"]);
        var c = spec["containers"]![0]!;
        Assert.Equal("IfNotPresent", (string?)c["imagePullPolicy"]);
        Assert.Equal("/dev/termination-log", (string?)c["terminationMessagePath"]);
        Assert.Equal("File", (string?)c["terminationMessagePolicy"]);
        Assert.Equal("{}", c["resources"]!.ToJsonString());
        Assert.Equal("Pending", (string?)pod["status"]!["phase"]);
        Assert.Equal("BestEffort", (string?)pod["status"]!["qosClass"]);
    }

    [Fact]
    public void Preemption_policy_is_left_for_the_priority_resolver_so_a_class_can_set_never()
    {
        var pod = Pod();
        Defaulter.Apply(Kind("Pod"), pod);
        Assert.Null(pod["spec"]!["preemptionPolicy"]);
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("registry:5000/team/nginx", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("registry:5000/team/nginx:1.0", "IfNotPresent")]
    [InlineData("nginx@sha256:abcd", "IfNotPresent")]
    [InlineData("nginx:latest@sha256:abcd", "Always")]
    public void Image_pull_policy_follows_the_tag(string image, string expected)
    {
        var pod = Pod(container: $$"""{"name":"app","image":"{{image}}"}""");
        Defaulter.Apply(Kind("Pod"), pod);
        Assert.Equal(expected, (string?)pod["spec"]!["containers"]![0]!["imagePullPolicy"]);
    }

    [Fact]
    public void Explicit_values_are_kept()
    {
        var pod = Pod(container: """{"name":"app","image":"nginx","imagePullPolicy":"Never"}""");
        pod["spec"]!["restartPolicy"] = "OnFailure";
        Defaulter.Apply(Kind("Pod"), pod);
        Assert.Equal("Never", (string?)pod["spec"]!["containers"]![0]!["imagePullPolicy"]);
        Assert.Equal("OnFailure", (string?)pod["spec"]!["restartPolicy"]);
    }

    [Fact]
    public void Container_ports_default_to_tcp_and_requests_default_from_limits()
    {
        var pod = Pod(container: """{"name":"app","image":"nginx","ports":[{"containerPort":80}],"resources":{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"250m"}}}""");
        Defaulter.Apply(Kind("Pod"), pod);
        var c = pod["spec"]!["containers"]![0]!;
        Assert.Equal("TCP", (string?)c["ports"]![0]!["protocol"]);
        Assert.Equal("""{"cpu":"250m","memory":"128Mi"}""", c["resources"]!["requests"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{}""", "BestEffort")]
    [InlineData("""{"limits":{"cpu":"1","memory":"1Gi"}}""", "Guaranteed")]
    [InlineData("""{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1000m","memory":"1Gi"}}""", "Guaranteed")]
    [InlineData("""{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"500m"}}""", "Burstable")]
    [InlineData("""{"requests":{"cpu":"100m"}}""", "Burstable")]
    [InlineData("""{"limits":{"cpu":"1"}}""", "Burstable")]
    public void Qos_class_is_computed_from_cpu_and_memory(string resources, string expected)
    {
        var pod = Pod(container: $$"""{"name":"app","image":"nginx","resources":{{resources}}}""");
        Defaulter.Apply(Kind("Pod"), pod);
        Assert.Equal(expected, (string?)pod["status"]!["qosClass"]);
    }

    [Fact]
    public void Pods_tolerate_not_ready_and_unreachable_nodes_for_the_configured_seconds()
    {
        var pod = Pod();
        Defaulter.Apply(Kind("Pod"), pod, new AdmissionOptions(DefaultTolerationSeconds: 45));
        Assert.Equal(
            """[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":45},{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":45}]""",
            pod["spec"]!["tolerations"]!.ToJsonString());
    }

    [Fact]
    public void The_default_toleration_is_sixty_seconds()
    {
        Assert.Equal(60, new AdmissionOptions().DefaultTolerationSeconds);
    }

    [Theory]
    [InlineData("""{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":5}""", 2)]
    [InlineData("""{"operator":"Exists"}""", 1)]
    [InlineData("""{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoSchedule"}""", 3)]
    public void Existing_tolerations_that_cover_a_taint_suppress_its_default(string toleration, int expectedCount)
    {
        var pod = Pod();
        pod["spec"]!["tolerations"] = new JsonArray(JsonNode.Parse(toleration));
        Defaulter.Apply(Kind("Pod"), pod);
        Assert.Equal(expectedCount, pod["spec"]!["tolerations"]!.AsArray().Count);
    }

    [Fact]
    public void A_deployment_gets_apps_defaults_and_template_defaults_without_pod_only_ones()
    {
        var d = Deployment();
        Defaulter.Apply(Kind("Deployment", "apps"), d);
        var spec = d["spec"]!;
        Assert.Equal(1, (int?)spec["replicas"]);
        Assert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}}""", spec["strategy"]!.ToJsonString());
        Assert.Equal(10, (int?)spec["revisionHistoryLimit"]);
        Assert.Equal(600, (int?)spec["progressDeadlineSeconds"]);
        var podSpec = spec["template"]!["spec"]!;
        Assert.Equal("Always", (string?)podSpec["restartPolicy"]);
        Assert.Equal("Always", (string?)podSpec["containers"]![0]!["imagePullPolicy"]);
        Assert.Null(podSpec["enableServiceLinks"]);
        Assert.Null(podSpec["tolerations"]);
    }

    [Fact]
    public void A_recreate_deployment_gets_no_rolling_update_block()
    {
        var d = Deployment();
        d["spec"]!["strategy"] = new JsonObject { ["type"] = "Recreate" };
        Defaulter.Apply(Kind("Deployment", "apps"), d);
        Assert.Equal("""{"type":"Recreate"}""", d["spec"]!["strategy"]!.ToJsonString());
    }

    [Fact]
    public void A_replicaset_gets_one_replica_and_template_defaults()
    {
        var rs = Deployment();
        Defaulter.Apply(Kind("ReplicaSet", "apps"), rs);
        Assert.Equal(1, (int?)rs["spec"]!["replicas"]);
        Assert.Equal("ClusterFirst", (string?)rs["spec"]!["template"]!["spec"]!["dnsPolicy"]);
    }

    [Fact]
    public void A_service_gets_cluster_ip_defaults_and_target_ports()
    {
        var svc = Parse("""{"metadata":{"name":"web"},"spec":{"ports":[{"port":80},{"port":443,"targetPort":"https"}]}}""");
        Defaulter.Apply(Kind("Service"), svc);
        var spec = svc["spec"]!;
        Assert.Equal("ClusterIP", (string?)spec["type"]);
        Assert.Equal("None", (string?)spec["sessionAffinity"]);
        Assert.Equal("SingleStack", (string?)spec["ipFamilyPolicy"]);
        Assert.Equal("Cluster", (string?)spec["internalTrafficPolicy"]);
        Assert.Equal("""{"port":80,"protocol":"TCP","targetPort":80}""", spec["ports"]![0]!.ToJsonString());
        Assert.Equal("https", (string?)spec["ports"]![1]!["targetPort"]);
    }

    [Fact]
    public void A_secret_is_opaque_and_string_data_folds_into_data()
    {
        var secret = Parse("""{"metadata":{"name":"s"},"stringData":{"user":"admin"}}""");
        Defaulter.Apply(Kind("Secret"), secret);
        Assert.Equal("Opaque", (string?)secret["type"]);
        Assert.Equal("YWRtaW4=", (string?)secret["data"]!["user"]);
        Assert.False(secret.ContainsKey("stringData"));
    }

    [Fact]
    public void A_namespace_is_active_with_the_kubernetes_finalizer()
    {
        var ns = Parse("""{"metadata":{"name":"team"}}""");
        Defaulter.Apply(Kind("Namespace"), ns);
        Assert.Equal("Active", (string?)ns["status"]!["phase"]);
        Assert.Equal("""["kubernetes"]""", ns["spec"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void A_priority_class_preempts_lower_priority_by_default()
    {
        var pc = Parse("""{"metadata":{"name":"high"},"value":1000}""");
        Defaulter.Apply(Kind("PriorityClass", "scheduling.k8s.io"), pc);
        Assert.Equal("PreemptLowerPriority", (string?)pc["preemptionPolicy"]);
    }

    [Fact]
    public void A_node_without_status_is_left_alone()
    {
        var node = Parse("""{"metadata":{"name":"n1"}}""");
        Defaulter.Apply(Kind("Node"), node);
        Assert.Equal("""{"metadata":{"name":"n1"}}""", node.ToJsonString());
    }
}
