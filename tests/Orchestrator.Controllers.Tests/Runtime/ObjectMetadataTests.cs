using System.Text;
using k8s.Models;
using Orchestrator.Controllers.Runtime;
using Orchestrator.Storage;

namespace Orchestrator.Controllers.Tests.Runtime;

public sealed class ObjectMetadataTests
{
    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"app":"web"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-1","uid":"u1","controller":true}]},"spec":{"nodeName":"n1"}}""")]
    // metadata after a large spec, and nested objects named "metadata" inside the spec that must not be taken for it
    [InlineData("""{"spec":{"template":{"metadata":{"name":"wrong"}},"containers":[{"name":"c","args":["{\"metadata\":1}"]}]},"metadata":{"name":"p","labels":{"app":"web"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-1","uid":"u1","controller":true}]}}""")]
    public void Reads_the_top_level_metadata_wherever_it_is(string json)
    {
        var metadata = ObjectMetadata.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal(("p", "web", "web-1", true), (metadata.Name, metadata.Labels["app"], metadata.OwnerReferences[0].Name, metadata.OwnerReferences[0].Controller == true));
    }

    [Fact]
    public void Reads_timestamps_as_kubernetes_writes_them()
    {
        var metadata = ObjectMetadata.Read("""{"metadata":{"name":"p","deletionTimestamp":"2026-01-01T12:00:05Z","finalizers":["foregroundDeletion"]}}"""u8);

        Assert.Equal((new DateTime(2026, 1, 1, 12, 0, 5, DateTimeKind.Utc), "foregroundDeletion"), (metadata.DeletionTimestamp!.Value.ToUniversalTime(), metadata.Finalizers[0]));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"p","labels":{"app":"web"}},"spec":{"nodeName":"n1"},"status":{"phase":"Running"}}""", false, false)]
    [InlineData("""{"metadata":{"name":"p","ownerReferences":[{"kind":"ReplicaSet","name":"web-1","uid":"u1"}]}}""", true, false)]
    [InlineData("""{"metadata":{"name":"p","deletionTimestamp":"2026-01-01T12:00:05Z"}}""", false, true)]
    // Only a byte search: the quoted names anywhere (here as values) send the object to the full read, which decides;
    // inside a longer string they are escaped (\"ownerReferences\") and cannot match.
    [InlineData("""{"metadata":{"name":"p","annotations":{"a":"ownerReferences","b":"deletionTimestamp"}}}""", true, true)]
    [InlineData("""{"metadata":{"name":"p","annotations":{"note":"{\"ownerReferences\":[],\"deletionTimestamp\":1}"}}}""", false, false)]
    public void Says_an_object_has_no_owners_or_deletion_only_when_the_names_appear_nowhere_in_it(string json, bool owners, bool deleting)
    {
        var stored = new StoredObject(new ObjectKey("pods", "default", "p"), 7, Encoding.UTF8.GetBytes(json), new ObjectSummary("u", null, null));

        Assert.Equal((owners, deleting), (ObjectMetadata.MayHaveOwners(stored), ObjectMetadata.MayBeDeleting(stored)));
    }

    [Fact]
    public void An_object_without_metadata_has_empty_metadata()
    {
        Assert.Null(ObjectMetadata.Read("""{"kind":"Pod","spec":{}}"""u8).Name);
    }

    [Fact]
    public void Leaves_out_managed_fields_and_keeps_quantities_and_times()
    {
        var stored = new StoredObject(new ObjectKey("pods", "default", "p"), 7, Encoding.UTF8.GetBytes("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","creationTimestamp":"2026-01-01T12:00:00Z",
             "managedFields":[{"manager":"kubectl","operation":"Update","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{}}}]},
             "spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"250m"}}}]},
             "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-01-01T12:00:03Z"}]}}
            """), new ObjectSummary("u", null, null));

        var metadata = ObjectMetadata.Read(stored);
        var pod = ObjectMetadata.Lean<V1Pod>(stored);

        Assert.Equal((null, null), (metadata.ManagedFields, pod.Metadata.ManagedFields));
        Assert.Equal(
            ("250m", new DateTime(2026, 1, 1, 12, 0, 3, DateTimeKind.Utc), new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc)),
            (pod.Spec.Containers[0].Resources.Requests["cpu"].ToString(), pod.Status.Conditions[0].LastTransitionTime!.Value.ToUniversalTime(), metadata.CreationTimestamp!.Value.ToUniversalTime()));
    }
}
