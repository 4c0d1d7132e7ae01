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

    // set (members to look for) | a stored FieldsV1 | may share a member
    public static TheoryData<string, string, bool> Sharing => new()
    {
        // The status write and the creator's spec entry: nothing in common, the entry need not be decoded.
        { "{'f:status':{'f:phase':{}}}", "{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:containers':{}}}", false },
        // The same leaf: shared.
        { "{'f:spec':{'f:replicas':{}}}", "{'f:spec':{'f:replicas':{},'f:paused':{}}}", true },
        // A map the entry owns itself ('.') is a member too.
        { "{'f:metadata':{'f:labels':{}}}", "{'f:metadata':{'f:labels':{'.':{},'f:app':{}}}}", true },
        // The entry only owns fields under the map, not the map: removing the map's membership changes nothing.
        { "{'f:metadata':{'f:labels':{}}}", "{'f:metadata':{'f:labels':{'f:app':{}}}}", false },
        // Siblings under a common parent: not shared.
        { "{'f:spec':{'f:replicas':{}}}", "{'f:spec':{'f:paused':{}}}", false },
        // A keyed element spelled the same: looked into, and its field is shared.
        { "{'f:spec':{'f:containers':{'k:{\\'name\\':\\'c\\'}':{'f:image':{}}}}}", "{'f:spec':{'f:containers':{'k:{\\'name\\':\\'c\\'}':{'.':{},'f:image':{}}}}}", true },
        // A keyed element of another spelling at that level may be the same element: assumed shared.
        { "{'f:spec':{'f:containers':{'k:{\\'name\\':\\'c\\'}':{'f:image':{}}}}}", "{'f:spec':{'f:containers':{'k:{ \\'name\\': \\'c\\' }':{'f:image':{}}}}}", true },
        // Nothing stored: nothing shared.
        { "{'f:spec':{'f:replicas':{}}}", "{}", false },
    };

    [Theory]
    [MemberData(nameof(Sharing))]
    public void A_stored_entry_is_looked_into_only_when_it_may_own_a_member_of_the_set(string set, string stored, bool shares)
    {
        var members = FieldSet.FromFieldsV1(Json(FieldsJson(set)));
        var fieldsV1 = Json(FieldsJson(stored));

        Assert.Equal(shares, members.MayShareMemberWith(fieldsV1));
        // The exact answer, from decoding, never says shared where the quick one said not.
        var exact = !FieldSet.FromFieldsV1(fieldsV1).Intersection(members).IsEmpty;
        Assert.True(shares || !exact);
    }
}
