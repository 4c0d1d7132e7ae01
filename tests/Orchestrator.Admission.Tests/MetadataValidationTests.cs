using System.Text.Json.Nodes;
using static Orchestrator.Admission.Tests.Objects;

namespace Orchestrator.Admission.Tests;

public class MetadataValidationTests
{
    [Fact]
    public void A_name_or_generate_name_is_required()
    {
        var cm = Parse("""{"metadata":{"namespace":"default"}}""");
        Assert.Equal(
            ["FieldValueRequired metadata.name: Required value: name or generateName is required"],
            Render(Validator.ValidateCreate(Kind("ConfigMap"), cm)));
    }

    [Fact]
    public void A_generate_name_prefix_may_end_in_a_dash()
    {
        var cm = Parse("""{"metadata":{"generateName":"web-","name":"web-x7k2p","namespace":"default"}}""");
        Assert.Empty(Validator.ValidateCreate(Kind("ConfigMap"), cm));
    }

    [Fact]
    public void Namespace_names_must_be_dns_labels_so_dots_are_rejected()
    {
        var ns = Parse("""{"metadata":{"name":"team.a"}}""");
        Assert.Equal(
            ["FieldValueInvalid metadata.name: Invalid value: \"team.a\": must not contain dots"],
            Render(Validator.ValidateCreate(Kind("Namespace"), ns)));
    }

    [Fact]
    public void Service_names_must_be_dns_1035_labels_and_start_with_a_letter()
    {
        var svc = Parse("""{"metadata":{"name":"1web","namespace":"default"},"spec":{"ports":[{"port":80}]}}""");
        Assert.Equal(
            ["FieldValueInvalid metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"],
            Render(Create(Kind("Service"), svc)));
    }

    [Fact]
    public void Cluster_scoped_objects_may_not_carry_a_namespace()
    {
        var node = Parse("""{"metadata":{"name":"n1","namespace":"default"}}""");
        Assert.Equal(
            ["FieldValueForbidden metadata.namespace: Forbidden: not allowed on this type"],
            Render(Validator.ValidateCreate(Kind("Node"), node)));
    }

    [Theory]
    [InlineData("""{"app":"web!"}""", "Invalid value: \"web!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    [InlineData("""{"-app":"web"}""", "Invalid value: \"-app\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]
    [InlineData("""{"Example.com/app":"web"}""", "Invalid value: \"Example.com/app\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]
    public void Label_keys_and_values_are_checked(string labels, string message)
    {
        var cm = Parse("""{"metadata":{"name":"c","namespace":"default"}}""");
        cm["metadata"]!["labels"] = JsonNode.Parse(labels);
        var cause = Assert.Single(Validator.ValidateCreate(Kind("ConfigMap"), cm));
        Assert.Equal(("metadata.labels", message), (cause.Field, cause.Message));
    }

    [Fact]
    public void A_label_value_longer_than_63_characters_is_rejected()
    {
        var cm = Parse("""{"metadata":{"name":"c","namespace":"default"}}""");
        cm["metadata"]!["labels"] = new JsonObject { ["app"] = new string('a', 64) };
        var cause = Assert.Single(Validator.ValidateCreate(Kind("ConfigMap"), cm));
        Assert.EndsWith("must be no more than 63 characters", cause.Message);
    }

    [Fact]
    public void Annotations_may_total_at_most_256_kib()
    {
        var cm = Parse("""{"metadata":{"name":"c","namespace":"default"}}""");
        cm["metadata"]!["annotations"] = new JsonObject { ["big"] = new string('x', 256 * 1024) };
        Assert.Equal(
            ["FieldValueTooLong metadata.annotations: Too long: must have at most 262144 bytes"],
            Render(Validator.ValidateCreate(Kind("ConfigMap"), cm)));
    }

    [Fact]
    public void Uid_and_creation_timestamp_are_immutable_on_update()
    {
        var old = Parse("""{"metadata":{"name":"c","namespace":"default","uid":"u1","creationTimestamp":"2024-01-02T03:04:05Z"}}""");
        var now = Parse("""{"metadata":{"name":"c","namespace":"default","uid":"u2","creationTimestamp":"2025-01-02T03:04:05Z"}}""");
        Assert.Equal(
            [
                "FieldValueInvalid metadata.uid: Invalid value: \"u2\": field is immutable",
                "FieldValueInvalid metadata.creationTimestamp: Invalid value: 2025-01-02 03:04:05 +0000 UTC: field is immutable",
            ],
            Render(Validator.ValidateUpdate(Kind("ConfigMap"), now, old)));
    }

    [Fact]
    public void System_fields_missing_from_the_update_count_as_unchanged()
    {
        var old = Parse("""{"metadata":{"name":"c","namespace":"default","uid":"u1"}}""");
        var now = Parse("""{"metadata":{"name":"c","namespace":"default"}}""");
        Assert.Empty(Validator.ValidateUpdate(Kind("ConfigMap"), now, old));
    }
}
