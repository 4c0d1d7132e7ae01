namespace Orchestrator.Patching.Tests;

public class JsonMergePatchTests
{
    // The examples of RFC 7386, appendix A.
    public static TheoryData<string, string, string> RfcExamples => new()
    {
        { "{'a':'b'}", "{'a':'c'}", "{'a':'c'}" },
        { "{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}" },
        { "{'a':'b'}", "{'a':null}", "{}" },
        { "{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}" },
        { "{'a':['b']}", "{'a':'c'}", "{'a':'c'}" },
        { "{'a':'c'}", "{'a':['b']}", "{'a':['b']}" },
        { "{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}" },
        { "{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}" },
        { "['a','b']", "['c','d']", "['c','d']" },
        { "{'a':'b'}", "['c']", "['c']" },
        { "{'e':null}", "{'a':1}", "{'e':null,'a':1}" },
        { "[1,2]", "{'a':'b','c':null}", "{'a':'b'}" },
        { "{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}" },
    };

    [Theory]
    [MemberData(nameof(RfcExamples))]
    public void Merges_like_every_example_in_rfc_7386(string target, string patch, string expected)
    {
        Json.Equal(expected, JsonMergePatch.Apply(Json.Parse(target), Json.Parse(patch)));
    }

    [Fact]
    public void A_patch_that_is_not_an_object_replaces_the_whole_target()
    {
        Json.Equal("'x'", JsonMergePatch.Apply(Json.Parse("{'a':1}"), Json.Parse("'x'")));
    }

    [Fact]
    public void A_missing_target_is_treated_as_an_empty_object()
    {
        Json.Equal("{'spec':{'replicas':3}}", JsonMergePatch.Apply(null, Json.Parse("{'spec':{'replicas':3,'paused':null}}")));
    }

    [Fact]
    public void Scaling_a_deployment_as_kubectl_scale_does_keeps_the_rest_of_the_spec()
    {
        var deployment = Json.Parse("{'spec':{'replicas':1,'selector':{'matchLabels':{'app':'web'}}}}");

        var result = JsonMergePatch.Apply(deployment, Json.Parse("{'spec':{'replicas':5}}"));

        Json.Equal("{'spec':{'replicas':5,'selector':{'matchLabels':{'app':'web'}}}}", result);
    }

    [Fact]
    public void Leaves_the_target_and_the_patch_untouched()
    {
        var target = Json.Parse("{'a':{'b':1},'c':2}");
        var patch = Json.Parse("{'a':{'d':[1]},'c':null}");

        JsonMergePatch.Apply(target, patch);

        Json.Equal("{'a':{'b':1},'c':2}", target);
        Json.Equal("{'a':{'d':[1]},'c':null}", patch);
    }

    [Fact]
    public void Keeps_the_position_of_a_member_it_merges_into()
    {
        var result = JsonMergePatch.Apply(Json.Parse("{'a':{'x':1},'b':2}"), Json.Parse("{'a':{'y':2}}"));

        Json.EqualInOrder("{'a':{'x':1,'y':2},'b':2}", result);
    }
}
