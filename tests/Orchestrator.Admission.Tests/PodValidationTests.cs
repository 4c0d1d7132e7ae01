using static Orchestrator.Admission.Tests.Objects;

namespace Orchestrator.Admission.Tests;

public class PodValidationTests
{
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    [Fact]
    public void A_defaulted_valid_pod_has_no_causes()
    {
        Assert.Empty(Create(Kind("Pod"), Pod()));
    }

    [Fact]
    public void A_pod_name_must_be_a_dns_subdomain()
    {
        var causes = Create(Kind("Pod"), Pod(name: "X_y"));
        var cause = Assert.Single(causes);
        Assert.Equal("FieldValueInvalid", cause.Reason);
        Assert.Equal("metadata.name", cause.Field);
        Assert.Equal("Invalid value: \"X_y\": " + SubdomainMessage, cause.Message);
    }

    [Theory]
    [InlineData("""{"name":"app"}""", "FieldValueRequired spec.containers[0].image: Required value")]
    [InlineData("""{"image":"nginx"}""", "FieldValueRequired spec.containers[0].name: Required value")]
    [InlineData("""{"name":"App","image":"nginx"}""", "FieldValueInvalid spec.containers[0].name: Invalid value: \"App\": " + LabelMessage)]
    [InlineData("""{"name":"app","image":"nginx","imagePullPolicy":"Sometimes"}""", "FieldValueNotSupported spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"")]
    [InlineData("""{"name":"app","image":"nginx","ports":[{"containerPort":70000}]}""", "FieldValueInvalid spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive")]
    [InlineData("""{"name":"app","image":"nginx","ports":[{"containerPort":80,"protocol":"HTTP"}]}""", "FieldValueNotSupported spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")]
    [InlineData("""{"name":"app","image":"nginx","resources":{"requests":{"cpu":"lots"}}}""", "FieldValueInvalid spec.containers[0].resources.requests[cpu]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("""{"name":"app","image":"nginx","resources":{"requests":{"memory":"-1Gi"}}}""", "FieldValueInvalid spec.containers[0].resources.requests[memory]: Invalid value: \"-1Gi\": must be greater than or equal to 0")]
    [InlineData("""{"name":"app","image":"nginx","resources":{"limits":{"cpu":"500m"},"requests":{"cpu":"2"}}}""", "FieldValueInvalid spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 500m")]
    [InlineData("""{"name":"app","image":"nginx","volumeMounts":[{"name":"data","mountPath":"/d"}]}""", "FieldValueNotFound spec.containers[0].volumeMounts[0].name: Not found: \"data\"")]
    public void Container_mistakes_are_reported_on_the_exact_field(string container, string expected)
    {
        var causes = Create(Kind("Pod"), Pod(container: container));
        Assert.Equal([expected], Render(causes));
    }

    [Fact]
    public void A_pod_needs_at_least_one_container()
    {
        var pod = Parse("""{"metadata":{"name":"p","namespace":"default"},"spec":{"containers":[]}}""");
        Assert.Equal(["FieldValueRequired spec.containers: Required value"], Render(Create(Kind("Pod"), pod)));
    }

    [Fact]
    public void Container_names_must_be_unique_across_init_and_regular_containers()
    {
        var pod = Pod(container: """{"name":"app","image":"nginx"},{"name":"app","image":"busybox"}""");
        Assert.Equal(["FieldValueDuplicate spec.containers[1].name: Duplicate value: \"app\""], Render(Create(Kind("Pod"), pod)));
    }

    [Theory]
    [InlineData("restartPolicy", "Sometimes", "\"Always\", \"OnFailure\", \"Never\"")]
    [InlineData("dnsPolicy", "Google", "\"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"")]
    public void Pod_policies_list_their_supported_values(string field, string value, string supported)
    {
        var pod = Pod();
        pod["spec"]![field] = value;
        Assert.Equal(
            [$"FieldValueNotSupported spec.{field}: Unsupported value: \"{value}\": supported values: {supported}"],
            Render(Create(Kind("Pod"), pod)));
    }

    [Fact]
    public void A_toleration_with_seconds_must_be_no_execute()
    {
        var pod = Pod();
        pod["spec"]!["tolerations"] = Parse("""{"t":[{"key":"k","operator":"Exists","effect":"NoSchedule","tolerationSeconds":5}]}""")["t"]!.DeepClone();
        Assert.Contains(
            "FieldValueInvalid spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
            Render(Create(Kind("Pod"), pod)));
    }

    [Fact]
    public void A_missing_namespace_is_required_on_namespaced_kinds()
    {
        var pod = Parse("""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"nginx"}]}}""");
        Assert.Equal(["FieldValueRequired metadata.namespace: Required value"], Render(Create(Kind("Pod"), pod)));
    }
}
