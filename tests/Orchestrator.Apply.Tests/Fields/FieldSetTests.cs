using Orchestrator.Apply.Fields;
using static Orchestrator.Apply.Tests.Manifests;

namespace Orchestrator.Apply.Tests.Fields;

public class FieldSetTests
{
    [Fact]
    public void FieldsV1_reads_back_to_the_same_text()
    {
        var text = FieldsJson("""
            {'f:metadata':{'f:labels':{'.':{},'f:app':{}}},
             'f:spec':{'f:ports':{'k:{\'port\':80,\'protocol\':\'TCP\'}':{'.':{},'f:port':{}}},'f:finalizers':{'v:\'a\'':{}}}}
            """);

        var set = FieldSet.FromFieldsV1(Json(text));

        Assert.Equal(FieldsJson("""
            {'f:metadata':{'f:labels':{'.':{},'f:app':{}}},
             'f:spec':{'f:finalizers':{'v:\'a\'':{}},'f:ports':{'k:{\'port\':80,\'protocol\':\'TCP\'}':{'.':{},'f:port':{}}}}}
            """), set.ToJsonString());
    }

    [Fact]
    public void Paths_print_as_Kubernetes_prints_them_members_before_children()
    {
        var set = FieldSet.FromFieldsV1(Json(FieldsJson("""
            {'f:spec':{'f:ports':{'k:{\'port\':80,\'protocol\':\'TCP\'}':{'f:name':{}}},'f:replicas':{},'f:finalizers':{'v:\'a\'':{}}}}
            """)));

        Assert.Equal(
            [".spec.replicas", ".spec.finalizers[=\"a\"]", ".spec.ports[port=80,protocol=\"TCP\"].name"],
            set.Paths().Select(PathElement.Display));
    }
}
