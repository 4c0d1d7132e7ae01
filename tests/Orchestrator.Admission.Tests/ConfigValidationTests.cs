using static Orchestrator.Admission.Tests.Objects;

namespace Orchestrator.Admission.Tests;

public class ConfigValidationTests
{
    [Fact]
    public void Config_map_keys_must_be_config_keys()
    {
        var cm = Parse("""{"metadata":{"name":"c","namespace":"default"},"data":{"a b":"x"}}""");
        Assert.Equal(
            ["FieldValueInvalid data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"],
            Render(Validator.ValidateCreate(Kind("ConfigMap"), cm)));
    }

    [Fact]
    public void An_immutable_config_map_keeps_its_data_and_its_flag()
    {
        var old = Parse("""{"metadata":{"name":"c","namespace":"default"},"immutable":true,"data":{"k":"v1"}}""");
        var now = Parse("""{"metadata":{"name":"c","namespace":"default"},"immutable":false,"data":{"k":"v2"}}""");
        Assert.Equal(
            [
                "FieldValueForbidden immutable: Forbidden: field is immutable when `immutable` is set",
                "FieldValueForbidden data: Forbidden: field is immutable when `immutable` is set",
            ],
            Render(Validator.ValidateUpdate(Kind("ConfigMap"), now, old)));
    }

    [Fact]
    public void A_mutable_config_map_may_change_its_data()
    {
        var old = Parse("""{"metadata":{"name":"c","namespace":"default"},"data":{"k":"v1"}}""");
        var now = Parse("""{"metadata":{"name":"c","namespace":"default"},"data":{"k":"v2"}}""");
        Assert.Empty(Validator.ValidateUpdate(Kind("ConfigMap"), now, old));
    }

    [Fact]
    public void An_immutable_secret_keeps_its_data_and_no_secret_changes_type()
    {
        var old = Parse("""{"metadata":{"name":"s","namespace":"default"},"type":"Opaque","immutable":true,"data":{"k":"djE="}}""");
        var now = Parse("""{"metadata":{"name":"s","namespace":"default"},"type":"kubernetes.io/tls","immutable":true,"data":{"k":"djI="}}""");
        Assert.Equal(
            [
                "FieldValueInvalid type: Invalid value: \"kubernetes.io/tls\": field is immutable",
                "FieldValueForbidden data: Forbidden: field is immutable when `immutable` is set",
            ],
            Render(Validator.ValidateUpdate(Kind("Secret"), now, old)));
    }
}
