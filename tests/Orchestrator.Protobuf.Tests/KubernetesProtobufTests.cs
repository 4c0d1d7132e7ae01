using System.Text;

namespace Orchestrator.Protobuf.Tests;

public class KubernetesProtobufTests
{
    [Fact]
    public void A_config_map_decodes_to_its_wire_json_with_apiVersion_and_kind_from_the_envelope()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", ProtoWriter.New()
            .Message(1, m => m.String(1, "w1").String(3, "shop").Entry(11, "app", "web"))
            .Entry(2, "greeting", "hello world")
            .Entry(2, "k", "v"));

        var json = KubernetesProtobuf.Decode(body);

        JsonAssert.Equal("""
            {"apiVersion":"v1","kind":"ConfigMap",
             "metadata":{"name":"w1","namespace":"shop","labels":{"app":"web"}},
             "data":{"greeting":"hello world","k":"v"}}
            """, json);
        Assert.Equal(["apiVersion", "kind", "metadata", "data"], json.Select(p => p.Key));
    }

    [Fact]
    public void A_secret_writes_its_data_bytes_as_base64_and_keeps_its_type()
    {
        var body = ProtoWriter.Envelope("v1", "Secret", ProtoWriter.New()
            .Message(1, m => m.String(1, "db"))
            .Message(2, e => e.String(1, "password").Bytes(2, Encoding.UTF8.GetBytes("s3cr3t")))
            .Message(2, e => e.String(1, "binary").Bytes(2, [0, 255, 16]))
            .String(3, "Opaque")
            .Bool(5, true));

        JsonAssert.Equal("""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"immutable":true,
             "data":{"password":"czNjcjN0","binary":"AP8Q"},"type":"Opaque"}
            """, KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void A_deployment_decodes_its_pod_template_with_env_ports_resources_probes_and_volumes()
    {
        var container = ProtoWriter.New()
            .String(1, "web")
            .String(2, "nginx:1.27")
            .Message(6, p => p.String(1, "http").Int(3, 8080).String(4, "TCP"))
            .Message(7, e => e.String(1, "MODE").String(2, "prod"))
            .Message(7, e => e.String(1, "PASSWORD").Message(3, s => s
                .Message(4, r => r.Message(1, n => n.String(1, "db")).String(2, "password"))))
            .Message(8, r => r.Quantity(1, "memory", "256Mi").Quantity(2, "cpu", "250m").Quantity(2, "memory", "128Mi"))
            .Message(9, v => v.String(1, "config").Bool(2, true).String(3, "/etc/web"))
            .Message(10, p => p
                .Message(1, h => h.Message(2, g => g.String(1, "/healthz").Message(2, port => port.Int(1, 1).String(3, "http"))))
                .Int(2, 5)
                .Int(4, 10))
            .Message(11, p => p.Message(1, h => h.Message(3, t => t.Message(1, port => port.Int(1, 0).Int(2, 8080)))));
        var podSpec = ProtoWriter.New()
            .Message(1, v => v.String(1, "config").Message(2, s => s.Message(19, c => c.Message(1, n => n.String(1, "web-config")))))
            .Message(2, c => c.Raw(container.ToArray()))
            .Int(4, 30);
        var body = ProtoWriter.Envelope("apps/v1", "Deployment", ProtoWriter.New()
            .Message(1, m => m.String(1, "web").String(3, "shop").Entry(11, "app", "web"))
            .Message(2, s => s
                .Int(1, 3)
                .Message(2, l => l.Entry(1, "app", "web"))
                .Message(3, t => t.Message(1, m => m.Entry(11, "app", "web")).Message(2, p => p.Raw(podSpec.ToArray())))
                .Message(4, st => st.String(1, "RollingUpdate").Message(2, r => r
                    .Message(1, i => i.Int(1, 1).String(3, "25%"))
                    .Message(2, i => i.Int(2, 1)))))
            .Message(3, _ => { }));

        JsonAssert.Equal("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"shop","labels":{"app":"web"}},
             "spec":{
               "replicas":3,
               "selector":{"matchLabels":{"app":"web"}},
               "template":{
                 "metadata":{"labels":{"app":"web"}},
                 "spec":{
                   "volumes":[{"name":"config","configMap":{"name":"web-config"}}],
                   "containers":[{
                     "name":"web","image":"nginx:1.27",
                     "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
                     "env":[{"name":"MODE","value":"prod"},
                            {"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}}],
                     "resources":{"limits":{"memory":"256Mi"},"requests":{"cpu":"250m","memory":"128Mi"}},
                     "volumeMounts":[{"name":"config","readOnly":true,"mountPath":"/etc/web"}],
                     "livenessProbe":{"httpGet":{"path":"/healthz","port":"http"},"initialDelaySeconds":5,"periodSeconds":10},
                     "readinessProbe":{"tcpSocket":{"port":8080}}}],
                   "terminationGracePeriodSeconds":30}},
               "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":1}}},
             "status":{}}
            """, KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void A_pod_disruption_budget_writes_minAvailable_as_a_string_or_an_integer()
    {
        static byte[] Budget(Action<ProtoWriter> minAvailable) => ProtoWriter.Envelope("policy/v1", "PodDisruptionBudget",
            ProtoWriter.New()
                .Message(1, m => m.String(1, "budget"))
                .Message(2, s => s.Message(1, minAvailable).Message(2, l => l.Entry(1, "app", "web")))
                .Message(3, st => st.Int(1, 0).Int(3, 0).Int(4, 0).Int(5, 0).Int(6, 0)));
        static string Expected(string minAvailable) => """
            {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"budget"},
             "spec":{"minAvailable":MIN,"selector":{"matchLabels":{"app":"web"}}},
             "status":{"disruptionsAllowed":0,"currentHealthy":0,"desiredHealthy":0,"expectedPods":0}}
            """.Replace("MIN", minAvailable, StringComparison.Ordinal);

        JsonAssert.Equal(Expected("\"50%\""), KubernetesProtobuf.Decode(Budget(i => i.Int(1, 1).Int(2, 0).String(3, "50%"))));
        JsonAssert.Equal(Expected("2"), KubernetesProtobuf.Decode(Budget(i => i.Int(1, 0).Int(2, 2).String(3, ""))));
    }

    [Fact]
    public void An_eviction_carries_its_delete_options_and_preconditions()
    {
        var body = ProtoWriter.Envelope("policy/v1", "Eviction", ProtoWriter.New()
            .Message(1, m => m.String(1, "web-0").String(3, "shop"))
            .Message(2, d => d
                .Int(1, 0)
                .Message(2, p => p.String(1, "0b5e7c9a-1111-2222-3333-444455556666").String(2, "42"))
                .String(4, "Foreground")
                .String(5, "All")));

        JsonAssert.Equal("""
            {"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"web-0","namespace":"shop"},
             "deleteOptions":{"gracePeriodSeconds":0,
               "preconditions":{"uid":"0b5e7c9a-1111-2222-3333-444455556666","resourceVersion":"42"},
               "propagationPolicy":"Foreground","dryRun":["All"]}}
            """, KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void Delete_options_decode_under_any_group_version()
    {
        var body = ProtoWriter.Envelope("apps/v1", "DeleteOptions", ProtoWriter.New().Int(1, 30).Bool(3, false));

        JsonAssert.Equal("""
            {"apiVersion":"apps/v1","kind":"DeleteOptions","gracePeriodSeconds":30,"orphanDependents":false}
            """, KubernetesProtobuf.Decode(body));
    }
}
