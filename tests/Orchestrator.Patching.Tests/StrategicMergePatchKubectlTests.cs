using k8s.Models;

namespace Orchestrator.Patching.Tests;

/// <summary>The patches kubectl apply (client side) computes, applied to what the server stores; list order is compared too.</summary>
public class StrategicMergePatchKubectlTests
{
    // Live objects carry server defaults that the user never wrote; a three-way patch must keep them.
    private const string LivePod =
        "{'metadata':{'name':'p','labels':{'app':'web','tier':'front'}},'spec':{'containers':[" +
        "{'name':'a','image':'a:1','terminationMessagePath':'/dev/termination-log'}," +
        "{'name':'b','image':'b:1','terminationMessagePath':'/dev/termination-log'}]}}";

    public static TheoryData<string, string, string, string> ApplyCases => new()
    {
        {
            "changing an image keeps server defaults and the other container",
            LivePod,
            "{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'b'}],'containers':[{'image':'a:2','name':'a'}]}}",
            "{'metadata':{'name':'p','labels':{'app':'web','tier':'front'}},'spec':{'containers':[" +
            "{'name':'a','image':'a:2','terminationMessagePath':'/dev/termination-log'}," +
            "{'name':'b','image':'b:1','terminationMessagePath':'/dev/termination-log'}]}}"
        },
        {
            "removing a container from the manifest deletes it",
            LivePod,
            "{'spec':{'$setElementOrder/containers':[{'name':'a'}],'containers':[{'$patch':'delete','name':'b'}]}}",
            "{'metadata':{'name':'p','labels':{'app':'web','tier':'front'}},'spec':{'containers':[" +
            "{'name':'a','image':'a:1','terminationMessagePath':'/dev/termination-log'}]}}"
        },
        {
            "removing a label from the manifest sends null for it",
            LivePod,
            "{'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'{}'},'labels':{'tier':null}}}",
            "{'metadata':{'name':'p','annotations':{'kubectl.kubernetes.io/last-applied-configuration':'{}'},'labels':{'app':'web'}},'spec':{'containers':[" +
            "{'name':'a','image':'a:1','terminationMessagePath':'/dev/termination-log'}," +
            "{'name':'b','image':'b:1','terminationMessagePath':'/dev/termination-log'}]}}"
        },
        {
            "a container added between two lands where the manifest puts it",
            "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'new'},{'name':'b'}],'containers':[{'image':'n:1','name':'new'}]}}",
            "{'spec':{'containers':[{'name':'a'},{'name':'new','image':'n:1'},{'name':'b'}]}}"
        },
        {
            "reordering keeps a server-only item after the item it followed",
            "{'spec':{'containers':[{'name':'1','x':'a'},{'name':'2'},{'name':'9'},{'name':'3'},{'name':'4'}]}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'2'},{'name':'1'},{'name':'4'},{'name':'3'}]}}",
            "{'spec':{'containers':[{'name':'2'},{'name':'1','x':'a'},{'name':'9'},{'name':'4'},{'name':'3'}]}}"
        },
        {
            "reordering keeps a run of server-only items together",
            "{'spec':{'containers':[{'name':'1'},{'name':'2'},{'name':'7'},{'name':'9'},{'name':'8'},{'name':'3'},{'name':'4'}]}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'2'},{'name':'1'},{'name':'4'},{'name':'3'}]}}",
            "{'spec':{'containers':[{'name':'2'},{'name':'1'},{'name':'7'},{'name':'9'},{'name':'8'},{'name':'4'},{'name':'3'}]}}"
        },
        {
            "a server-only item at the end stays at the end",
            "{'spec':{'containers':[{'name':'1'},{'name':'3'},{'name':'4'},{'name':'2'},{'name':'9'}]}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'4'},{'name':'2'},{'name':'3'},{'name':'1'}]}}",
            "{'spec':{'containers':[{'name':'4'},{'name':'2'},{'name':'3'},{'name':'1'},{'name':'9'}]}}"
        },
        {
            "an ordered item that is nowhere is ignored and server-only items follow the patch",
            "{'spec':{'containers':[{'name':'hello2'}]}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'hello'},{'name':'doesntexist'}],'containers':[{'name':'hello'}]}}",
            "{'spec':{'containers':[{'name':'hello'},{'name':'hello2'}]}}"
        },
        {
            "delete in one list and reorder another in the same patch",
            "{'spec':{'containers':[{'name':'a','image':'a'},{'name':'b','image':'b'}],'initContainers':[{'name':'c','image':'c'},{'name':'d','image':'d'}]}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'b'}],'$setElementOrder/initContainers':[{'name':'d'},{'name':'c'}],'containers':[{'$patch':'delete','name':'a'}]}}",
            "{'spec':{'containers':[{'name':'b','image':'b'}],'initContainers':[{'name':'d','image':'d'},{'name':'c','image':'c'}]}}"
        },
        {
            "finalizers are added, removed and ordered in one patch",
            "{'metadata':{'finalizers':['a','b','server']}}",
            "{'metadata':{'$setElementOrder/finalizers':['c','b'],'$deleteFromPrimitiveList/finalizers':['a'],'finalizers':['c']}}",
            "{'metadata':{'finalizers':['c','b','server']}}"
        },
    };

    [Theory]
    [MemberData(nameof(ApplyCases))]
    public void Applies_a_three_way_patch_from_kubectl(string behaviour, string live, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(Json.Parse(live), Json.Parse(patch), typeof(V1Pod));

        Assert.True(
            System.Text.Json.Nodes.JsonNode.DeepEquals(Json.Parse(expected), result),
            $"{behaviour}:\nexpected {Json.Parse(expected).ToJsonString()}\n but got {result.ToJsonString()}");
    }

    [Fact]
    public void Changing_env_in_a_deployment_template_adds_updates_and_deletes_by_name()
    {
        var live = Json.Parse(
            "{'spec':{'replicas':3,'template':{'spec':{'containers':[{'name':'app','image':'app:1'," +
            "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}]}}}}");
        var patch = Json.Parse(
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'app'}],'containers':[{'name':'app'," +
            "'$setElementOrder/env':[{'name':'C'},{'name':'A'}],'env':[{'name':'C','value':'3'},{'name':'A','value':'9'},{'$patch':'delete','name':'B'}]}]}}}}");

        var result = StrategicMergePatch.Apply(live, patch, typeof(V1Deployment));

        Json.EqualInOrder(
            "{'spec':{'replicas':3,'template':{'spec':{'containers':[{'name':'app','image':'app:1'," +
            "'env':[{'name':'C','value':'3'},{'name':'A','value':'9'}]}]}}}}",
            result);
    }

    [Fact]
    public void Cordoning_a_node_sets_unschedulable_and_keeps_the_rest()
    {
        var node = Json.Parse("{'metadata':{'name':'n1'},'spec':{'podCIDR':'10.0.0.0/24'}}");

        var result = StrategicMergePatch.Apply(node, Json.Parse("{'spec':{'unschedulable':true}}"), typeof(V1Node));

        Json.Equal("{'metadata':{'name':'n1'},'spec':{'podCIDR':'10.0.0.0/24','unschedulable':true}}", result);
    }

    [Fact]
    public void An_empty_patch_means_unchanged()
    {
        var result = StrategicMergePatch.Apply(Json.Parse(LivePod), Json.Parse("{}"), typeof(V1Pod));

        Json.EqualInOrder(LivePod, result);
    }
}
