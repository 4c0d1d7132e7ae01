using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.Lifecycle;

/// <summary>Every served kind can be applied, listed with its columns and deleted through kubectl.</summary>
public sealed class EveryKindTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    public static TheoryData<string, string, string> Kinds => new()
    {
        // resource, manifest (NS is replaced), a column header kubectl must print
        { "nodes", "apiVersion: v1\nkind: Node\nmetadata:\n  name: node-NS\n  labels: {kubernetes.io/hostname: node-NS}\nspec:\n  unschedulable: true\n", "ROLES" },
        { "events", "apiVersion: v1\nkind: Event\nmetadata:\n  name: ev1\n  namespace: NS\ninvolvedObject: {kind: Pod, name: p, namespace: NS}\nreason: Tested\nmessage: hello\ntype: Normal\n", "REASON" },
        { "events.events.k8s.io", "apiVersion: events.k8s.io/v1\nkind: Event\nmetadata:\n  name: ev2\n  namespace: NS\nregarding: {kind: Pod, name: p, namespace: NS}\nreason: Tested\nnote: hello\ntype: Normal\naction: Testing\neventTime: \"2026-11-25T00:00:00.000000Z\"\nreportingController: tests\nreportingInstance: tests-1\n", "REASON" },
        { "endpoints", "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ep\n  namespace: NS\nsubsets:\n- addresses: [{ip: 10.1.2.3}]\n  ports: [{port: 80}]\n", "ENDPOINTS" },
        { "secrets", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: NS\nstringData: {password: x}\n", "TYPE" },
        { "leases", "apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata:\n  name: l\n  namespace: NS\nspec:\n  holderIdentity: me\n  leaseDurationSeconds: 10\n", "HOLDER" },
        { "replicasets", "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\n  namespace: NS\nspec:\n  replicas: 2\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, image: busybox}]\n", "DESIRED" },
        { "poddisruptionbudgets", "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: pdb\n  namespace: NS\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {a: b}}\n", "ALLOWED DISRUPTIONS" },
        { "priorityclasses", "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: pc-NS\nvalue: 100\n", "GLOBAL-DEFAULT" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_kind_round_trips_through_apply_get_and_delete(string resource, string manifest, string column)
    {
        var ns = await fixture.NamespaceAsync("kind");
        var kubectl = fixture.Kubectl;
        var yaml = manifest.Replace("NS", ns);
        var scope = yaml.Contains("namespace: ", StringComparison.Ordinal) ? new[] { "-n", ns } : [];

        (await kubectl.RunWithInputAsync(yaml, "apply", "-f", "-")).Succeeded();
        var table = (await kubectl.RunAsync([.. new[] { "get", resource }, .. scope])).Succeeded().Output;
        (await kubectl.RunWithInputAsync(yaml, "delete", "-f", "-")).Succeeded();
        var after = await kubectl.RunWithInputAsync(yaml, "get", "-f", "-");

        Assert.Contains(column, table.Split('\n')[0]);
        Assert.NotEqual(0, after.ExitCode);
        Assert.Contains("(NotFound)", after.Error);
    }
}
