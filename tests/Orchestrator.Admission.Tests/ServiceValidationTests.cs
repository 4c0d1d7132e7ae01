using static Orchestrator.Admission.Tests.Objects;

namespace Orchestrator.Admission.Tests;

public class ServiceValidationTests
{
    private static readonly Core.Resources.ResourceDescriptor Svc = Kind("Service");

    [Theory]
    [InlineData("""{"ports":[{"port":80}]}""", null)]
    [InlineData("""{"ports":[]}""", "FieldValueRequired spec.ports: Required value")]
    [InlineData("""{"clusterIP":"None","ports":[]}""", null)]
    [InlineData("""{"ports":[{"port":80,"name":"http"},{"port":443}]}""", "FieldValueRequired spec.ports[1].name: Required value")]
    [InlineData("""{"ports":[{"port":80,"name":"http"},{"port":81,"name":"http"}]}""", "FieldValueDuplicate spec.ports[1].name: Duplicate value: \"http\"")]
    [InlineData("""{"ports":[{"port":80,"nodePort":30080}]}""", "FieldValueForbidden spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'")]
    [InlineData("""{"type":"Magic","ports":[{"port":80}]}""", "FieldValueNotSupported spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"")]
    [InlineData("""{"ports":[{"port":80,"targetPort":"Web_Port"}]}""", "FieldValueInvalid spec.ports[0].targetPort: Invalid value: \"Web_Port\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")]
    public void Service_specs_are_checked(string spec, string? expected)
    {
        var svc = Parse($$"""{"metadata":{"name":"web","namespace":"default"},"spec":{{spec}}}""");
        Assert.Equal(expected is null ? [] : [expected], Render(Create(Svc, svc)));
    }

    [Fact]
    public void Port_zero_is_out_of_range_and_so_is_the_target_port_defaulted_from_it()
    {
        var svc = Parse("""{"metadata":{"name":"web","namespace":"default"},"spec":{"ports":[{"port":0}]}}""");
        Assert.Equal(
            [
                "FieldValueInvalid spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                "FieldValueInvalid spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
            ],
            Render(Create(Svc, svc)));
    }

    [Fact]
    public void An_allocated_cluster_ip_may_not_change()
    {
        var old = Parse("""{"metadata":{"name":"web","namespace":"default"},"spec":{"clusterIP":"10.96.0.10","ports":[{"port":80}]}}""");
        Defaulter.Apply(Svc, old);
        var now = old.DeepClone().AsObject();
        now["spec"]!["clusterIP"] = "10.96.0.11";
        Assert.Equal(
            ["FieldValueInvalid spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not change once set"],
            Render(Validator.ValidateUpdate(Svc, now, old)));
    }
}
