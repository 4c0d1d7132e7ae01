using System.Text.Json.Nodes;

namespace Orchestrator.OpenApi;

/// <summary>The query and path parameters Kubernetes declares on its operations, inline as its v3 documents have them.</summary>
internal static class OpenApiParameters
{
    public static JsonArray PathLevel(bool namespaced, bool named)
    {
        var result = new JsonArray();
        if (named)
        {
            result.Add(Path("name", "name of the object"));
        }
        if (namespaced)
        {
            result.Add(Path("namespace", "object name and auth scope, such as for teams and projects"));
        }
        result.Add(Query("pretty", "string", "If 'true', then the output is pretty printed."));
        return result;
    }

    public static JsonArray List() => [.. ListItems()];

    private static JsonObject[] ListItems() =>
    [
        Query("allowWatchBookmarks", "boolean", "Requests watch events of type BOOKMARK."),
        Query("continue", "string", "The continue token from a previous list call, to fetch the next chunk."),
        Query("fieldSelector", "string", "Restricts the list by the objects' fields, such as metadata.name=x."),
        Query("labelSelector", "string", "Restricts the list by the objects' labels."),
        Query("limit", "integer", "The maximum number of objects to return in one chunk."),
        Query("resourceVersion", "string", "Which resource versions may be served; a watch starts after this one."),
        Query("resourceVersionMatch", "string", "How resourceVersion applies to a list: Exact or NotOlderThan."),
        Query("sendInitialEvents", "boolean", "With watch=true, start the stream with synthetic events for existing objects."),
        Query("timeoutSeconds", "integer", "Timeout for the list or watch call."),
        Query("watch", "boolean", "Watch for changes and return them as a stream of add, update and remove notifications."),
    ];

    /// <summary>create and update: what kubectl's field-validation verifier and apply send.</summary>
    public static JsonArray Write() =>
    [
        DryRun(),
        FieldManager(),
        FieldValidation(),
    ];

    /// <summary>The PATCH parameters; kubectl looks here for <c>fieldValidation</c> to decide who validates.</summary>
    public static JsonArray Patch() =>
    [
        DryRun(),
        FieldManager("Required for apply requests (application/apply-patch); optional otherwise."),
        FieldValidation(),
        Query("force", "boolean", "Force an apply request to take ownership of fields other managers own; only for apply."),
    ];

    public static JsonArray Delete() => [.. DeleteItems()];

    public static JsonArray DeleteCollection() => [.. DeleteItems(), .. ListItems()];

    private static JsonObject[] DeleteItems() =>
    [
        DryRun(),
        Query("gracePeriodSeconds", "integer", "Seconds before the object should be deleted; zero deletes immediately."),
        Query("ignoreStoreReadErrorWithClusterBreakingPotential", "boolean", "Delete an object that cannot be read from storage."),
        Query("orphanDependents", "boolean", "Deprecated: use propagationPolicy."),
        Query("propagationPolicy", "string", "Whether and how garbage collection is performed: Orphan, Background or Foreground."),
    ];

    public static JsonArray Log() =>
    [
        Query("container", "string", "The container whose logs to stream; defaults to the only container."),
        Query("follow", "boolean", "Follow the log stream of the pod."),
        Query("insecureSkipTLSVerifyBackend", "boolean", "Skip verifying the serving certificate of the kubelet."),
        Query("limitBytes", "integer", "The number of bytes to read from the server before stopping."),
        Query("previous", "boolean", "Return the logs of the previous, terminated container."),
        Query("sinceSeconds", "integer", "Only return logs newer than this many seconds."),
        Query("stream", "string", "Which stream to return: All, Stdout or Stderr."),
        Query("tailLines", "integer", "The number of lines from the end of the logs to show."),
        Query("timestamps", "boolean", "Prefix every line of log output with an RFC3339 timestamp."),
    ];

    private static JsonObject DryRun() =>
        Query("dryRun", "string", "When present (All), modifications are not persisted.");

    private static JsonObject FieldManager(string? note = null) =>
        Query("fieldManager", "string", "The name of the actor making these changes. " + (note ?? "Optional."));

    private static JsonObject FieldValidation() =>
        Query("fieldValidation", "string",
            "How to handle unknown or duplicate fields in the request body: Ignore, Warn or Strict (the error names every bad field).");

    private static JsonObject Path(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["description"] = description,
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static JsonObject Query(string name, string type, string description) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };
}
