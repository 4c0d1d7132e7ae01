namespace Orchestrator.Patching.Tests;

public class JsonPatchTests
{
    public static TheoryData<string, string, string, string> Operations => new()
    {
        { "add puts a new member on an object", "{'a':1}", "[{'op':'add','path':'/b','value':2}]", "{'a':1,'b':2}" },
        { "add overwrites an existing member", "{'a':1}", "[{'op':'add','path':'/a','value':[1]}]", "{'a':[1]}" },
        { "add inserts into an array at an index", "{'a':[1,3]}", "[{'op':'add','path':'/a/1','value':2}]", "{'a':[1,2,3]}" },
        { "add with a dash appends to an array", "{'a':[1]}", "[{'op':'add','path':'/a/-','value':2}]", "{'a':[1,2]}" },
        { "add at the root replaces the document", "{'a':1}", "[{'op':'add','path':'','value':{'b':2}}]", "{'b':2}" },
        { "add keeps an explicit null", "{}", "[{'op':'add','path':'/a','value':null}]", "{'a':null}" },
        { "remove deletes a member", "{'a':1,'b':2}", "[{'op':'remove','path':'/a'}]", "{'b':2}" },
        { "remove deletes an array element", "{'a':[1,2,3]}", "[{'op':'remove','path':'/a/1'}]", "{'a':[1,3]}" },
        { "replace changes a value", "{'a':{'b':1}}", "[{'op':'replace','path':'/a/b','value':'x'}]", "{'a':{'b':'x'}}" },
        { "move takes a value from one place to another", "{'a':{'b':1},'c':{}}", "[{'op':'move','from':'/a/b','path':'/c/d'}]", "{'a':{},'c':{'d':1}}" },
        { "move reorders an array", "{'a':[1,2,3]}", "[{'op':'move','from':'/a/0','path':'/a/-'}]", "{'a':[2,3,1]}" },
        { "copy duplicates a value", "{'a':{'b':[1]}}", "[{'op':'copy','from':'/a/b','path':'/c'}]", "{'a':{'b':[1]},'c':[1]}" },
        { "test that passes changes nothing", "{'a':[1,{'b':null}]}", "[{'op':'test','path':'/a','value':[1,{'b':null}]}]", "{'a':[1,{'b':null}]}" },
        { "tilde one in a pointer means a slash", "{'metadata':{'labels':{'app.kubernetes.io/name':'x'}}}", "[{'op':'remove','path':'/metadata/labels/app.kubernetes.io~1name'}]", "{'metadata':{'labels':{}}}" },
        { "tilde zero in a pointer means a tilde", "{'a~b':1}", "[{'op':'replace','path':'/a~0b','value':2}]", "{'a~b':2}" },
        { "operations apply in order", "{}", "[{'op':'add','path':'/a','value':[]},{'op':'add','path':'/a/-','value':1},{'op':'test','path':'/a/0','value':1}]", "{'a':[1]}" },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Applies_each_operation_as_rfc_6902_describes(string behaviour, string document, string patch, string expected)
    {
        var result = JsonPatch.Apply(Json.Parse(document), Json.Parse(patch));

        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(Json.Parse(expected), result), behaviour);
    }

    public static TheoryData<string, string, int, string> Failures => new()
    {
        { "{'a':1}", "[{'op':'test','path':'/a','value':2}]", 422, "operation 0 (test \"/a\"): test failed, the value is 1 but the patch expects 2" },
        { "{'a':1}", "[{'op':'remove','path':'/b'}]", 422, "path \"/b\" does not exist" },
        { "{'a':1}", "[{'op':'replace','path':'/b','value':1}]", 422, "path \"/b\" does not exist" },
        { "{'a':1}", "[{'op':'add','path':'/x/y','value':1}]", 422, "the parent of \"/x/y\" does not exist" },
        { "{'a':[1]}", "[{'op':'add','path':'/a/5','value':1}]", 422, "\"5\" is not an index of an array of 1 element(s)" },
        { "{'a':[1]}", "[{'op':'add','path':'/a/01','value':1}]", 422, "\"01\" is not an index" },
        { "{'a':{}}", "[{'op':'move','from':'/a','path':'/a/b'}]", 422, "cannot move \"/a\" into its own child" },
        { "{'a':1}", "[{'op':'remove','path':''}]", 422, "cannot remove the whole document" },
        { "{'a':1}", "[{'op':'add','path':'a','value':1}]", 400, "JSON pointer \"a\" must be empty or start with '/'" },
        { "{'a':1}", "[{'op':'add','path':'/a~2','value':1}]", 400, "has '~' not followed by '0' or '1'" },
        { "{'a':1}", "[{'op':'frobnicate','path':'/a'}]", 400, "unknown op \"frobnicate\"" },
        { "{'a':1}", "[{'op':'add','path':'/a'}]", 400, "operation 0 (add \"/a\"): member \"value\" is required" },
        { "{'a':1}", "[{'path':'/a'}]", 400, "member \"op\" is required" },
        { "{'a':1}", "[{'op':'test','path':'/a','value':1},{'op':'move','path':'/b'}]", 400, "operation 1 (move \"/b\"): member \"from\" is required" },
        { "{'a':1}", "{'op':'add','path':'/a','value':1}", 400, "a JSON patch must be a list of operations, not an object" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Rejects_a_bad_patch_with_its_code_and_the_operation_at_fault(string document, string patch, int code, string message)
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(Json.Parse(document), Json.Parse(patch)));

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Leaves_the_document_and_the_patch_untouched()
    {
        var document = Json.Parse("{'a':{'b':[1,2]}}");
        var patch = Json.Parse("[{'op':'move','from':'/a/b','path':'/c'},{'op':'add','path':'/c/-','value':{'d':1}}]");

        var result = JsonPatch.Apply(document, patch);

        Json.Equal("{'a':{},'c':[1,2,{'d':1}]}", result);
        Json.Equal("{'a':{'b':[1,2]}}", document);
        Json.Equal("[{'op':'move','from':'/a/b','path':'/c'},{'op':'add','path':'/c/-','value':{'d':1}}]", patch);
    }

    [Fact]
    public void Fails_as_a_whole_when_a_later_operation_fails()
    {
        var document = Json.Parse("{'a':1}");

        Assert.Throws<PatchException>(() => JsonPatch.Apply(document, Json.Parse("[{'op':'remove','path':'/a'},{'op':'test','path':'/a','value':1}]")));

        Json.Equal("{'a':1}", document);
    }
}
