using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Core.Resources;

namespace Orchestrator.OpenApi;

/// <summary>Builds the OpenAPI 3.0 document of one group/version: its paths, operations and schemas.</summary>
internal sealed class GroupVersionDocument
{
    private static readonly string[] MediaTypes = ["application/json", "application/yaml"];
    private static readonly string[] PatchMediaTypes =
    [
        "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json",
    ];

    private readonly SortedDictionary<string, JsonObject> _paths = new(StringComparer.Ordinal);
    private readonly SchemaSet _schemas = new();
    private readonly string _prefix;
    private readonly string _operationGroup;

    private GroupVersionDocument(string group, string version)
    {
        _prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
        _operationGroup = Camel(group.Length == 0 ? "core" : group.Split('.')[0]) + Camel(version);
    }

    public static JsonObject Build(IEnumerable<ResourceDescriptor> resources, string group, string version)
    {
        var document = new GroupVersionDocument(group, version);
        document._schemas.Add(typeof(V1Status));
        document._schemas.Add(typeof(V1DeleteOptions));
        document._schemas.Add(typeof(V1WatchEvent));
        foreach (var resource in resources)
        {
            document.AddResource(resource);
        }
        var paths = new JsonObject();
        foreach (var (path, item) in document._paths)
        {
            paths[path] = item;
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = document._schemas.ToJson() },
        };
    }

    private void AddResource(ResourceDescriptor r)
    {
        var scope = r.Namespaced ? "Namespaced" : "";
        var collection = r.Namespaced ? $"{_prefix}/namespaces/{{namespace}}/{r.Plural}" : $"{_prefix}/{r.Plural}";
        var item = collection + "/{name}";
        var gvk = (r.Group, r.Version, r.Kind);
        var self = _schemas.Add(r.ModelType);
        var list = _schemas.Add(r.ListModelType);
        var status = SchemaSet.Ref(typeof(V1Status));
        bool Can(string verb) => r.Verbs.Contains(verb);

        if (Can("list"))
        {
            Operation(collection, r, "get", $"list{_operationGroup}{scope}{r.Kind}", "list", gvk, OpenApiParameters.List(), null, ("200", list));
            if (r.Namespaced)
            {
                Operation($"{_prefix}/{r.Plural}", r, "get", $"list{_operationGroup}{r.Kind}ForAllNamespaces", "list", gvk, OpenApiParameters.List(), null, ("200", list), named: false, namespaced: false);
            }
        }
        if (Can("watch"))
        {
            var watchEvent = SchemaSet.Ref(typeof(V1WatchEvent));
            var watchCollection = collection.Replace(_prefix, _prefix + "/watch", StringComparison.Ordinal);
            Operation(watchCollection, r, "get", $"watch{_operationGroup}{scope}{r.Kind}List", "watchlist", gvk, OpenApiParameters.List(), null, ("200", watchEvent));
            Operation(watchCollection + "/{name}", r, "get", $"watch{_operationGroup}{scope}{r.Kind}", "watch", gvk, OpenApiParameters.List(), null, ("200", watchEvent), named: true);
            if (r.Namespaced)
            {
                Operation($"{_prefix}/watch/{r.Plural}", r, "get", $"watch{_operationGroup}{r.Kind}ListForAllNamespaces", "watchlist", gvk, OpenApiParameters.List(), null, ("200", watchEvent), named: false, namespaced: false);
            }
        }
        if (Can("create"))
        {
            Operation(collection, r, "post", $"create{_operationGroup}{scope}{r.Kind}", "post", gvk, OpenApiParameters.Write(), Body(self), ("200", self), ("201", self), ("202", self));
        }
        if (Can("deletecollection"))
        {
            Operation(collection, r, "delete", $"delete{_operationGroup}Collection{scope}{r.Kind}", "deletecollection", gvk, OpenApiParameters.DeleteCollection(), Body(SchemaSet.Ref(typeof(V1DeleteOptions))), ("200", status));
        }
        if (Can("get"))
        {
            Operation(item, r, "get", $"read{_operationGroup}{scope}{r.Kind}", "get", gvk, [], null, ("200", self), named: true);
        }
        if (Can("update"))
        {
            Operation(item, r, "put", $"replace{_operationGroup}{scope}{r.Kind}", "put", gvk, OpenApiParameters.Write(), Body(self), ("200", self), ("201", self), named: true);
        }
        if (Can("patch"))
        {
            Operation(item, r, "patch", $"patch{_operationGroup}{scope}{r.Kind}", "patch", gvk, OpenApiParameters.Patch(), PatchBody(), ("200", self), ("201", self), named: true);
        }
        if (Can("delete"))
        {
            Operation(item, r, "delete", $"delete{_operationGroup}{scope}{r.Kind}", "delete", gvk, OpenApiParameters.Delete(), Body(SchemaSet.Ref(typeof(V1DeleteOptions))), ("200", status), ("202", status), named: true);
        }
        foreach (var sub in r.Subresources)
        {
            AddSubresource(r, item, scope, sub);
        }
    }

    private void AddSubresource(ResourceDescriptor r, string item, string scope, SubresourceDescriptor sub)
    {
        var path = $"{item}/{sub.Name}";
        var gvk = (sub.Group, sub.Version, sub.Kind);
        var suffix = r.Kind + Camel(sub.Name);
        if (sub.Name == "log")
        {
            var text = new JsonObject { ["type"] = "string" };
            var parameters = OpenApiParameters.Log();
            Operation(path, r, "get", $"read{_operationGroup}{scope}{suffix}", "get", gvk, parameters, null, ("200", text), named: true);
            return;
        }
        var model = ModelTypes.ForKind(sub.Group, sub.Version, sub.Kind) ?? r.ModelType;
        var self = _schemas.Add(model);
        foreach (var verb in sub.Verbs)
        {
            switch (verb)
            {
                case "get":
                    Operation(path, r, "get", $"read{_operationGroup}{scope}{suffix}", "get", gvk, [], null, ("200", self), named: true);
                    break;
                case "update":
                    Operation(path, r, "put", $"replace{_operationGroup}{scope}{suffix}", "put", gvk, OpenApiParameters.Write(), Body(self), ("200", self), ("201", self), named: true);
                    break;
                case "patch":
                    Operation(path, r, "patch", $"patch{_operationGroup}{scope}{suffix}", "patch", gvk, OpenApiParameters.Patch(), PatchBody(), ("200", self), ("201", self), named: true);
                    break;
                case "create":
                    Operation(path, r, "post", $"create{_operationGroup}{scope}{suffix}", "post", gvk, OpenApiParameters.Write(), Body(self), ("200", self), ("201", self), ("202", self), named: true);
                    break;
                default:
                    break;
            }
        }
    }

    private void Operation(
        string path,
        ResourceDescriptor resource,
        string method,
        string operationId,
        string action,
        (string Group, string Version, string Kind) gvk,
        JsonArray parameters,
        JsonObject? requestBody,
        (string Code, JsonObject Schema) first,
        (string Code, JsonObject Schema)? second = null,
        (string Code, JsonObject Schema)? third = null,
        bool named = false,
        bool? namespaced = null)
    {
        if (!_paths.TryGetValue(path, out var pathItem))
        {
            pathItem = new JsonObject { ["parameters"] = OpenApiParameters.PathLevel(namespaced ?? resource.Namespaced, named) };
            _paths[path] = pathItem;
        }
        var responses = new JsonObject();
        foreach (var (code, schema) in new[] { first, second, third }.OfType<(string Code, JsonObject Schema)>())
        {
            responses[code] = new JsonObject { ["description"] = Describe(code), ["content"] = Content(schema, MediaTypes) };
        }
        responses["401"] = new JsonObject { ["description"] = "Unauthorized" };
        var operation = new JsonObject
        {
            ["tags"] = new JsonArray(_operationGroup.ToLowerInvariant()),
            ["description"] = $"{action} {resource.Kind}",
            ["operationId"] = operationId,
            ["parameters"] = parameters,
        };
        if (requestBody is not null)
        {
            operation["requestBody"] = requestBody;
        }
        operation["responses"] = responses;
        operation["x-kubernetes-action"] = action;
        operation["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = gvk.Group, ["kind"] = gvk.Kind, ["version"] = gvk.Version };
        pathItem[method] = operation;
    }

    private static JsonObject Body(JsonObject schema) => new() { ["content"] = Content(schema, ["*/*"]), ["required"] = true };

    private static JsonObject PatchBody() => new() { ["content"] = Content(SchemaSet.RefTo(SchemaSet.PatchSchema), PatchMediaTypes), ["required"] = true };

    private static JsonObject Content(JsonObject schema, IEnumerable<string> mediaTypes)
    {
        var content = new JsonObject();
        foreach (var mediaType in mediaTypes)
        {
            content[mediaType] = new JsonObject { ["schema"] = schema.DeepClone() };
        }
        return content;
    }

    private static string Describe(string code) => code switch
    {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        _ => code,
    };

    private static string Camel(string word) => word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..];
}
