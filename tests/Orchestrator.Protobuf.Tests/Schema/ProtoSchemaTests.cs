using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;
using Orchestrator.Protobuf.Schema;

namespace Orchestrator.Protobuf.Tests.Schema;

public class ProtoSchemaTests
{
    private static readonly ProtoSchema Table = ProtoSchema.Instance;

    // KubernetesClient's models carry this property, but k8s.io/api (the table's source) has no such field.
    private static readonly HashSet<string> OnlyInKubernetesClient = ["core.v1.NodeSystemInfo.runningInUserNamespace"];

    [Fact]
    public void Every_kind_the_server_serves_has_a_message_in_the_table()
    {
        string[] kinds =
        [
            "v1/ConfigMap", "v1/Secret", "v1/Namespace", "v1/Service", "v1/Pod", "v1/Binding", "v1/Node", "v1/Event",
            "v1/Endpoints", "apps/v1/Deployment", "apps/v1/ReplicaSet", "policy/v1/PodDisruptionBudget",
            "policy/v1/Eviction", "scheduling.k8s.io/v1/PriorityClass", "coordination.k8s.io/v1/Lease",
            "events.k8s.io/v1/Event", "autoscaling/v1/Scale",
        ];

        Assert.All(kinds, k => Assert.True(Table.Messages.ContainsKey(Table.Kinds[k]), k));
    }

    [Fact]
    public void Every_message_type_a_field_names_is_in_the_table_or_has_its_own_json_form()
    {
        var missing = Table.Messages.Values
            .SelectMany(m => m.Fields.Select(f => (m.Name, f.Type)))
            .Where(p => p.Type.Contains('.') && !Table.Messages.ContainsKey(p.Type) && !WellKnownMessages.IsWellKnown(p.Type))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_json_property_kubernetes_client_knows_is_a_field_of_the_matching_message()
    {
        var checkedMessages = 0;
        var missing = new List<string>();
        foreach (var message in Table.Messages.Values)
        {
            if (ModelType(message.Name) is not { } model)
            {
                continue;
            }
            checkedMessages++;
            var names = JsonNames(message).ToHashSet();
            missing.AddRange(model.GetProperties()
                .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
                .Where(n => n is not null and not "apiVersion" and not "kind" && !names.Contains(n))
                .Select(n => $"{message.Name}.{n}")
                .Where(n => !OnlyInKubernetesClient.Contains(n)));
        }

        Assert.Empty(missing);
        Assert.True(checkedMessages > 150, $"only {checkedMessages} messages matched a KubernetesClient model");
    }

    // Inlined structs (Volume's VolumeSource, Probe's ProbeHandler) put their fields on the parent in JSON.
    private static IEnumerable<string> JsonNames(MessageSchema message) => message.Fields.SelectMany(f =>
        f.Inline ? JsonNames(Table.Messages[f.Type]) : [f.JsonName]);

    // KubernetesClient names core.v1.Container V1Container, and core.v1.Event Corev1Event where names collide.
    private static Type? ModelType(string message)
    {
        var parts = message.Split('.');
        var (group, version, name) = (parts[0], parts[1], parts[^1]);
        var assembly = typeof(V1Pod).Assembly;
        var qualified = char.ToUpperInvariant(group[0]) + group[1..] + version + name;
        return assembly.GetType("k8s.Models." + qualified)
            ?? assembly.GetType("k8s.Models." + char.ToUpperInvariant(version[0]) + version[1..] + name);
    }
}
