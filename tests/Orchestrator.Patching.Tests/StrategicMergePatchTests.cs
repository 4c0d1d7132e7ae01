using k8s.Models;

namespace Orchestrator.Patching.Tests;

public class StrategicMergePatchTests
{
    private const string TwoContainers =
        "{'spec':{'containers':[{'name':'a','image':'a:1','env':[{'name':'X','value':'1'},{'name':'Y','value':'2'}]},{'name':'b','image':'b:1'}]}}";

    public static TheoryData<string, string, string, string> PodCases => new()
    {
        {
            "null removes a label and other labels stay",
            "{'metadata':{'labels':{'app':'web','tier':'front'}}}",
            "{'metadata':{'labels':{'tier':null}}}",
            "{'metadata':{'labels':{'app':'web'}}}"
        },
        {
            "nested maps merge key by key",
            "{'metadata':{'name':'p','annotations':{'a':'1'}},'spec':{'nodeName':'n1'}}",
            "{'metadata':{'annotations':{'b':'2'}}}",
            "{'metadata':{'name':'p','annotations':{'a':'1','b':'2'}},'spec':{'nodeName':'n1'}}"
        },
        {
            "a null for a field that is absent is ignored",
            "{'metadata':{'name':'p'}}",
            "{'metadata':{'labels':null,'annotations':{'a':null,'b':'1'}}}",
            "{'metadata':{'name':'p','annotations':{'b':'1'}}}"
        },
        {
            "containers merge by name and the others are kept",
            TwoContainers,
            "{'spec':{'containers':[{'name':'b','image':'b:2'}]}}",
            "{'spec':{'containers':[{'name':'a','image':'a:1','env':[{'name':'X','value':'1'},{'name':'Y','value':'2'}]},{'name':'b','image':'b:2'}]}}"
        },
        {
            "without $setElementOrder a new container goes before the old ones, as in Kubernetes",
            "{'spec':{'containers':[{'name':'a','image':'a:1'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'c:1'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'c:1'},{'name':'a','image':'a:1'}]}}"
        },
        {
            "env merges by name inside the container it belongs to",
            TwoContainers,
            "{'spec':{'containers':[{'name':'a','env':[{'name':'Y','value':'3'},{'name':'Z','value':'4'}]}]}}",
            "{'spec':{'containers':[{'name':'a','image':'a:1','env':[{'name':'X','value':'1'},{'name':'Y','value':'3'},{'name':'Z','value':'4'}]},{'name':'b','image':'b:1'}]}}"
        },
        {
            "a delete directive removes the element with that key",
            TwoContainers,
            "{'spec':{'containers':[{'name':'a','env':[{'name':'X','$patch':'delete'}]}]}}",
            "{'spec':{'containers':[{'name':'a','image':'a:1','env':[{'name':'Y','value':'2'}]},{'name':'b','image':'b:1'}]}}"
        },
        {
            "deleting an element that is not there changes nothing",
            "{'spec':{'containers':[{'name':'a'}]}}",
            "{'spec':{'containers':[{'name':'zz','$patch':'delete'}]}}",
            "{'spec':{'containers':[{'name':'a'}]}}"
        },
        {
            "a replace element makes the patch list the whole list",
            TwoContainers,
            "{'spec':{'containers':[{'name':'c','image':'c:1'},{'$patch':'replace'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'c:1'}]}}"
        },
        {
            "a merge directive in an element merges it like any other",
            TwoContainers,
            "{'spec':{'containers':[{'name':'b','$patch':'merge','image':'b:3'}]}}",
            "{'spec':{'containers':[{'name':'a','image':'a:1','env':[{'name':'X','value':'1'},{'name':'Y','value':'2'}]},{'name':'b','image':'b:3'}]}}"
        },
        {
            "a replace directive in a map replaces the map",
            "{'metadata':{'labels':{'a':'1','b':'2'}}}",
            "{'metadata':{'labels':{'$patch':'replace','c':'3'}}}",
            "{'metadata':{'labels':{'c':'3'}}}"
        },
        {
            "a delete directive in a map empties it, as Kubernetes does",
            "{'metadata':{'labels':{'a':'1'}}}",
            "{'metadata':{'labels':{'$patch':'delete'}}}",
            "{'metadata':{'labels':{}}}"
        },
        {
            "a merge directive in a map merges it",
            "{'metadata':{'labels':{'a':'1'}}}",
            "{'metadata':{'labels':{'$patch':'merge','b':'2'}}}",
            "{'metadata':{'labels':{'a':'1','b':'2'}}}"
        },
        {
            "lists without a merge strategy are replaced whole",
            "{'spec':{'containers':[{'name':'a','args':['x','y'],'command':['sh']}]}}",
            "{'spec':{'containers':[{'name':'a','args':['z']}]}}",
            "{'spec':{'containers':[{'name':'a','args':['z'],'command':['sh']}]}}"
        },
        {
            "fields the model does not know merge as maps and replace as lists",
            "{'extra':{'a':1,'list':[1,2]}}",
            "{'extra':{'b':2,'list':[3]}}",
            "{'extra':{'a':1,'b':2,'list':[3]}}"
        },
        {
            "finalizers merge as a set, keeping the object's order first",
            "{'metadata':{'finalizers':['a','b']}}",
            "{'metadata':{'finalizers':['b','c']}}",
            "{'metadata':{'finalizers':['a','b','c']}}"
        },
        {
            "a parallel deletion list removes scalars",
            "{'metadata':{'finalizers':['a','b','c']}}",
            "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b','zz']}}",
            "{'metadata':{'finalizers':['a','c']}}"
        },
        {
            "a parallel deletion list never adds the list",
            "{'metadata':{'name':'p'}}",
            "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}}",
            "{'metadata':{'name':'p'}}"
        },
        {
            "a replace element in a scalar set replaces the set",
            "{'metadata':{'finalizers':['a','b']}}",
            "{'metadata':{'finalizers':[{'$patch':'replace'},'c']}}",
            "{'metadata':{'finalizers':['c']}}"
        },
        {
            "ports merge by their numeric key",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'},{'containerPort':443}]}]}}",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP'}]}]}}",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http','protocol':'TCP'},{'containerPort':443}]}]}}"
        },
        {
            "retainKeys on a volume clears the source it no longer names",
            "{'spec':{'volumes':[{'name':'v','emptyDir':{}}]}}",
            "{'spec':{'volumes':[{'name':'v','$retainKeys':['configMap','name'],'configMap':{'name':'cm'}}]}}",
            "{'spec':{'volumes':[{'name':'v','configMap':{'name':'cm'}}]}}"
        },
        {
            "directives inside values the object lacks never reach the result",
            "{'spec':{}}",
            "{'spec':{'containers':[{'name':'a','$setElementOrder/env':[{'name':'X'}],'env':[{'name':'X','value':'1'},{'name':'Y','$patch':'delete'}],'resources':{'$patch':'replace','limits':{'cpu':'1'}}}]}}",
            "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'}],'resources':{'limits':{'cpu':'1'}}}]}}"
        },
        {
            "a value of another JSON kind replaces the old one",
            "{'metadata':{'labels':['odd']}}",
            "{'metadata':{'labels':{'a':'1','b':null}}}",
            "{'metadata':{'labels':{'a':'1'}}}"
        },
    };

    [Theory]
    [MemberData(nameof(PodCases))]
    public void Patches_a_pod_as_kubernetes_does(string behaviour, string original, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(Json.Parse(original), Json.Parse(patch), typeof(V1Pod));

        Assert.True(
            System.Text.Json.Nodes.JsonNode.DeepEquals(Json.Parse(expected), result),
            $"{behaviour}: got {result.ToJsonString()}");
        Assert.DoesNotContain("\"$", result.ToJsonString());
    }

    [Fact]
    public void A_replace_directive_at_the_top_replaces_the_whole_object()
    {
        var result = StrategicMergePatch.Apply(Json.Parse("{'a':1,'b':2}"), Json.Parse("{'$patch':'replace','c':3}"), typeof(V1Pod));

        Json.Equal("{'c':3}", result);
    }

    [Fact]
    public void Retain_keys_on_a_deployment_strategy_drops_rolling_update_when_switching_to_recreate()
    {
        var deployment = Json.Parse("{'spec':{'replicas':2,'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}");
        var patch = Json.Parse("{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate','rollingUpdate':null}}}");

        var result = StrategicMergePatch.Apply(deployment, patch, typeof(V1Deployment));

        Json.Equal("{'spec':{'replicas':2,'strategy':{'type':'Recreate'}}}", result);
    }

    [Fact]
    public void Walks_the_model_into_a_deployment_pod_template()
    {
        var deployment = Json.Parse("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'a:1'},{'name':'b','image':'b:1'}]}}}}");
        var patch = Json.Parse("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'a:2'}]}}}}");

        var result = StrategicMergePatch.Apply(deployment, patch, typeof(V1Deployment));

        Json.EqualInOrder("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'a:2'},{'name':'b','image':'b:1'}]}}}}", result);
    }

    [Fact]
    public void Leaves_the_original_and_the_patch_untouched()
    {
        var original = Json.Parse(TwoContainers);
        var patch = Json.Parse("{'spec':{'$setElementOrder/containers':[{'name':'b'}],'containers':[{'name':'a','$patch':'delete'},{'name':'b','image':'b:9'}]}}");
        var patchText = patch.ToJsonString();

        StrategicMergePatch.Apply(original, patch, typeof(V1Pod));

        Json.Equal(TwoContainers, original);
        Assert.Equal(patchText, patch.ToJsonString());
    }

    public static TheoryData<string, int, string> Failures => new()
    {
        { "{'metadata':{'labels':{'$patch':'remove'}}}", 400, "unknown $patch directive \"remove\" at metadata.labels" },
        { "{'spec':{'containers':[{'image':'x','$patch':'delete'}]}}", 400, "item 0 of the patch for spec.containers has no merge key \"name\"" },
        { "{'spec':{'containers':[{'image':'x'}]}}", 400, "item 0 of the patch for spec.containers has no merge key \"name\"" },
        { "{'spec':{'containers':['a']}}", 400, "spec.containers[0] must be an object with the merge key \"name\"" },
        { "{'spec':{'$setElementOrder':[]}}", 400, "directive \"$setElementOrder\" at spec must have the form \"$setElementOrder/<list field>\"" },
        { "{'spec':{'$setElementOrder/containers':{'name':'a'}}}", 400, "$setElementOrder/containers at spec must be a list" },
        { "{'spec':{'$setElementOrder/containers':[{'image':'a'}]}}", 400, "every item of $setElementOrder for spec.containers must be an object with the merge key \"name\"" },
        { "{'spec':{'$setElementOrder/containers':[{'name':'a'}],'containers':[{'name':'b','image':'b'}]}}", 400, "the items of spec.containers in the patch are not in the order $setElementOrder gives" },
        { "{'metadata':{'$deleteFromPrimitiveList/finalizers':'a'}}", 400, "$deleteFromPrimitiveList/finalizers at metadata must be a list" },
        { "{'spec':{'strategy':{'$retainKeys':'type'}}}", 400, "$retainKeys at spec.strategy must be a list of field names" },
        { "{'spec':{'strategy':{'$retainKeys':['type'],'rollingUpdate':{}}}}", 400, "$retainKeys at spec.strategy does not list \"rollingUpdate\"" },
        { "{'metadata':{'finalizers':[['a']]}}", 422, "metadata.finalizers is a list of lists" },
        { "{'metadata':{'finalizers':[{'$patch':'delete'}]}}", 400, "metadata.finalizers is a list of scalars" },
        { "['a']", 400, "a strategic merge patch must be a JSON object, not array" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Rejects_a_bad_patch_with_its_code_and_where_it_went_wrong(string patch, int code, string message)
    {
        var original = Json.Parse("{'metadata':{'finalizers':['x']},'spec':{'containers':[{'name':'a'}],'strategy':{'type':'Recreate'}}}");
        var modelType = patch.Contains("strategy") ? typeof(V1Deployment) : typeof(V1Pod);

        var error = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(original, Json.Parse(patch), modelType));

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Cannot_merge_into_a_stored_element_that_lacks_its_merge_key()
    {
        var original = Json.Parse("{'spec':{'containers':[{'image':'x'}]}}");

        var error = Assert.Throws<PatchException>(() =>
            StrategicMergePatch.Apply(original, Json.Parse("{'spec':{'containers':[{'name':'a'}]}}"), typeof(V1Pod)));

        Assert.Equal(422, error.Code);
        Assert.Contains("item 0 of spec.containers has no merge key \"name\"", error.Message);
    }
}
