using Orchestrator.Tests.Testing;

namespace Orchestrator.Tests.BadInput;

/// <summary>Every kind of bad request gets a Kubernetes Status with the right code and a message a person can act on.</summary>
public sealed class BadInputTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    public static TheoryData<string, string, string, string, int, string, string> Cases => new()
    {
        // name, method, path, body, expected code, expected reason, a fragment of the message
        { "malformed JSON", "POST", ConfigMaps, "{\"metadata\": {", 400, "BadRequest", "not valid JSON" },
        { "unknown field under Strict", "POST", ConfigMaps + "?fieldValidation=Strict", """{"metadata":{"name":"u"},"datta":{}}""", 400, "BadRequest", "unknown field \"datta\"" },
        { "mistyped field", "POST", ConfigMaps, """{"metadata":{"name":"t"},"data":["not","a","map"]}""", 400, "BadRequest", "cannot unmarshal array" },
        { "invalid name", "POST", ConfigMaps, """{"metadata":{"name":"Not_Valid"}}""", 422, "Invalid", "RFC 1123 subdomain" },
        { "missing name", "POST", ConfigMaps, """{"metadata":{}}""", 422, "Invalid", "name or generateName is required" },
        { "invalid quantity", "POST", "/api/v1/namespaces/default/pods", """{"metadata":{"name":"q"},"spec":{"containers":[{"name":"c","image":"i","resources":{"limits":{"cpu":"lots"}}}]}}""", 400, "BadRequest", "quantities must match" },
        { "wrong kind for the path", "POST", ConfigMaps, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"k"}}""", 400, "BadRequest", "does not match the expected kind (ConfigMap)" },
        { "missing namespace", "POST", "/api/v1/namespaces/nowhere/configmaps", """{"metadata":{"name":"n"}}""", 404, "NotFound", "namespaces \"nowhere\" not found" },
        { "unknown resource", "GET", "/api/v1/namespaces/default/widgets", "", 404, "NotFound", "Resource=widgets" },
        { "unknown group", "GET", "/apis/example.com/v1/things", "", 404, "NotFound", "could not find the requested resource" },
        { "unsupported verb", "DELETE", "/api/v1/namespaces/default/bindings/x", "", 405, "MethodNotAllowed", "delete is not supported on bindings" },
        { "bad label selector", "GET", ConfigMaps + "?labelSelector=a%20in%20(", "", 400, "BadRequest", "unable to parse requirement" },
        { "bad limit", "GET", ConfigMaps + "?limit=many", "", 400, "BadRequest", "limit must be a non-negative integer" },
        { "bad continue token", "GET", ConfigMaps + "?limit=1&continue=%%%", "", 400, "BadRequest", "continue key is not valid" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_requests_get_a_status_with_the_right_code(string name, string method, string path, string body, int code, string reason, string message)
    {
        using var api = new RawApi(fixture.Cluster);

        var response = await api.SendAsync(new HttpMethod(method), path, body.Length == 0 ? null : body);

        Assert.True(code == response.Code, $"{name}: expected {code}, got {response.Code}: {response.Body}");
        var status = response.Json;
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal(reason, status["reason"]!.GetValue<string>());
        Assert.Equal(code, status["code"]!.GetValue<int>());
        Assert.Contains(message, status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_object_reports_each_cause_with_its_field()
    {
        using var api = new RawApi(fixture.Cluster);

        var response = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods",
            """{"metadata":{"name":"many-faults"},"spec":{"containers":[{"name":"Bad Name"},{"name":"ok","image":"i","ports":[{"containerPort":70000}]}]}}""");

        Assert.Equal(422, response.Code);
        var fields = response.Json["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).ToList();
        Assert.Contains("spec.containers[0].name", fields);
        Assert.Contains("spec.containers[0].image", fields);
        Assert.Contains("spec.containers[1].ports[0].containerPort", fields);
        Assert.StartsWith("Pod \"many-faults\" is invalid: [", response.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_and_nothing_is_stored()
    {
        using var api = new RawApi(fixture.Cluster);
        var big = "{\"metadata\":{\"name\":\"huge\"},\"data\":{\"blob\":\"" + new string('x', 4 * 1024 * 1024) + "\"}}";

        var response = await api.SendAsync(HttpMethod.Post, ConfigMaps, big);
        var lookup = await api.SendAsync(HttpMethod.Get, ConfigMaps + "/huge");

        Assert.Equal(413, response.Code);
        Assert.Contains("too large", response.Json["message"]!.GetValue<string>());
        Assert.Equal(404, lookup.Code);
    }

    [Fact]
    public async Task An_unsupported_content_type_is_refused_with_415_listing_the_accepted_ones()
    {
        using var api = new RawApi(fixture.Cluster);

        var post = await api.SendAsync(HttpMethod.Post, ConfigMaps, "name: x", contentType: "text/plain");
        var patch = await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default", "{}", contentType: "application/json");

        Assert.Equal(415, post.Code);
        Assert.Contains("application/json", post.Json["message"]!.GetValue<string>());
        Assert.Equal(415, patch.Code);
        Assert.Contains("application/merge-patch+json", patch.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_request_without_the_token_is_unauthorized_but_health_is_open()
    {
        using var anonymous = new RawApi(fixture.Cluster, withToken: false);

        var denied = await anonymous.SendAsync(HttpMethod.Get, ConfigMaps);
        var health = await anonymous.SendAsync(HttpMethod.Get, "/healthz");

        Assert.Equal(401, denied.Code);
        Assert.Equal("Unauthorized", denied.Json["reason"]!.GetValue<string>());
        Assert.Equal(200, health.Code);
    }

    [Fact]
    public async Task A_failing_json_patch_test_is_422_and_leaves_the_object_alone()
    {
        using var api = new RawApi(fixture.Cluster);
        await api.SendAsync(HttpMethod.Post, ConfigMaps, """{"metadata":{"name":"patched"},"data":{"a":"1"}}""");

        var response = await api.SendAsync(HttpMethod.Patch, ConfigMaps + "/patched",
            """[{"op":"test","path":"/data/a","value":"2"},{"op":"replace","path":"/data/a","value":"3"}]""", contentType: "application/json-patch+json");
        var after = await api.SendAsync(HttpMethod.Get, ConfigMaps + "/patched");

        Assert.Equal(422, response.Code);
        Assert.Equal("1", after.Json["data"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_watch_from_a_resource_version_older_than_the_window_ends_with_410_gone()
    {
        await using var cluster = await ClusterProcess.StartAsync();
        // A restart starts the watch window at the loaded revision: older revisions can no longer be replayed.
        await cluster.StopAsync();
        await cluster.StartAgainAsync();
        using var api = new RawApi(cluster);

        var gone = await api.SendAsync(HttpMethod.Get, ConfigMaps + "?watch=true&resourceVersion=1&timeoutSeconds=5");
        var current = await api.SendAsync(HttpMethod.Get, ConfigMaps);
        var resumable = await api.SendAsync(HttpMethod.Get, ConfigMaps + $"?watch=true&resourceVersion={current.Json["metadata"]!["resourceVersion"]}&timeoutSeconds=1");

        Assert.Equal(200, gone.Code);
        var error = System.Text.Json.Nodes.JsonNode.Parse(gone.Body.Split('\n')[0])!;
        Assert.Equal("ERROR", error["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
        Assert.Contains("too old resource version: 1", error["object"]!["message"]!.GetValue<string>());
        Assert.Equal(200, resumable.Code);
        Assert.DoesNotContain("ERROR", resumable.Body);
    }
}
