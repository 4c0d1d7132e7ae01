namespace Orchestrator.Protobuf.Tests;

public class WireFormatTests
{
    [Fact]
    public void Object_meta_decodes_timestamps_owner_references_finalizers_and_managed_fields()
    {
        const long Seconds = 1_700_000_000;
        var body = ProtoWriter.Envelope("v1", "ConfigMap", ProtoWriter.New().Message(1, m => m
            .String(1, "web-abc")
            .String(2, "web-")
            .String(3, "shop")
            .String(5, "u-1")
            .String(6, "7")
            .Int(7, 2)
            .Message(8, t => t.Int(1, Seconds).Int(2, 123))
            .Message(9, t => t.Int(1, Seconds + 60))
            .Int(10, 0)
            .Entry(12, "note", "x")
            .Message(13, o => o.String(1, "ReplicaSet").String(3, "web").String(4, "u-0").String(5, "apps/v1")
                .Bool(6, true).Bool(7, true))
            .String(14, "a/one")
            .String(14, "b/two")
            .Message(17, f => f.String(1, "kubectl-create").String(2, "Update").String(3, "v1")
                .Message(4, t => t.Int(1, Seconds)).String(6, "FieldsV1")
                .Message(7, r => r.String(1, """{"f:data":{".":{},"f:k":{}}}""")))));

        JsonAssert.Equal("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{
              "name":"web-abc","generateName":"web-","namespace":"shop","uid":"u-1","resourceVersion":"7","generation":2,
              "creationTimestamp":"2023-11-14T22:13:20Z","deletionTimestamp":"2023-11-14T22:14:20Z",
              "deletionGracePeriodSeconds":0,"annotations":{"note":"x"},
              "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web","uid":"u-0",
                                  "controller":true,"blockOwnerDeletion":true}],
              "finalizers":["a/one","b/two"],
              "managedFields":[{"manager":"kubectl-create","operation":"Update","apiVersion":"v1",
                                "time":"2023-11-14T22:13:20Z","fieldsType":"FieldsV1",
                                "fieldsV1":{"f:data":{".":{},"f:k":{}}}}]}}
            """, KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void Absent_fields_without_omitempty_are_written_as_go_writes_their_zero_values()
    {
        var body = ProtoWriter.Envelope("v1", "Event", ProtoWriter.New()
            .Message(1, m => m.String(1, "e1"))
            .Message(2, o => o.String(1, "Pod").String(3, "web-0"))
            .String(3, "Scheduled")
            .Message(10, t => t.Int(1, 1_700_000_000).Int(2, 123_456_789)));

        JsonAssert.Equal("""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"e1"},"involvedObject":{"kind":"Pod","name":"web-0"},
             "reason":"Scheduled","source":{},"firstTimestamp":null,"lastTimestamp":null,
             "eventTime":"2023-11-14T22:13:20.123456Z","reportingComponent":"","reportingInstance":""}
            """, KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void Unknown_field_numbers_of_every_wire_type_are_skipped()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", ProtoWriter.New()
            .Message(1, m => m.String(1, "w1").Int(99, 5))
            .Int(96, -1)
            .Raw(0x81, 0x06, 1, 2, 3, 4, 5, 6, 7, 8) // field 96, fixed64
            .Raw(0x85, 0x06, 1, 2, 3, 4) // field 96, fixed32
            .String(97, "from a newer Kubernetes")
            .Entry(2, "k", "v"));

        JsonAssert.Equal("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"w1"},"data":{"k":"v"}}""",
            KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void Repeated_integers_decode_packed_or_unpacked_and_negative_int32_keeps_its_sign()
    {
        var packed = ProtoWriter.New().Raw(0xE8, 0x07, 0xD0, 0x0F); // the varints 1000 and 2000
        var body = ProtoWriter.Envelope("v1", "Pod", ProtoWriter.New()
            .Message(2, s => s.Message(14, c => c.Bytes(4, packed.ToArray()).Int(4, 3000))));
        var priority = ProtoWriter.Envelope("scheduling.k8s.io/v1", "PriorityClass", ProtoWriter.New()
            .Message(1, m => m.String(1, "low")).Int(2, -5));

        JsonAssert.Equal("""
            {"apiVersion":"v1","kind":"Pod","metadata":{},
             "spec":{"containers":null,"securityContext":{"supplementalGroups":[1000,2000,3000]}},"status":{}}
            """, KubernetesProtobuf.Decode(body));
        JsonAssert.Equal("""{"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"low"},"value":-5}""",
            KubernetesProtobuf.Decode(priority));
    }

    [Fact]
    public void A_body_without_the_k8s_prefix_is_refused_with_a_message_that_says_so()
    {
        var error = Assert.Throws<ProtobufException>(() => KubernetesProtobuf.Decode("{\"kind\":\"Pod\"}"u8));

        Assert.Equal("the protobuf body is not a Kubernetes object: missing the k8s\\0 prefix", error.Message);
    }

    [Fact]
    public void A_kind_without_a_schema_is_refused_with_advice_to_send_json()
    {
        var body = ProtoWriter.Envelope("v1", "Foo", ProtoWriter.New().Message(1, m => m.String(1, "x")));

        var error = Assert.Throws<ProtobufException>(() => KubernetesProtobuf.Decode(body));

        Assert.Equal("protobuf decoding of v1/Foo is not supported; send JSON", error.Message);
    }

    [Fact]
    public void A_truncated_body_is_refused_as_malformed()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", ProtoWriter.New().Entry(2, "k", "value"));

        var error = Assert.Throws<ProtobufException>(() => KubernetesProtobuf.Decode(body.AsSpan(0, body.Length - 8)));

        Assert.StartsWith("the protobuf body is malformed", error.Message);
    }

    [Fact]
    public void A_field_with_the_wrong_wire_type_names_the_field()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", ProtoWriter.New().Int(2, 1));

        var error = Assert.Throws<ProtobufException>(() => KubernetesProtobuf.Decode(body));

        Assert.Contains("core.v1.ConfigMap.data has wire type 0, expected 2", error.Message);
    }

    [Fact]
    public void An_envelope_without_apiVersion_and_kind_is_refused()
    {
        byte[] body = [.. "k8s\0"u8.ToArray(), .. ProtoWriter.New().Bytes(2, []).ToArray()];

        var error = Assert.Throws<ProtobufException>(() => KubernetesProtobuf.Decode(body));

        Assert.Equal("the protobuf body does not name its apiVersion and kind", error.Message);
    }
}
