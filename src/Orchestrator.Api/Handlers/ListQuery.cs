using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.Api.Http;
using Orchestrator.Core.Resources;
using Orchestrator.Core.Selectors;
using Orchestrator.Grains.Objects;
using Orchestrator.Storage;

namespace Orchestrator.Api.Handlers;

/// <summary>The selectors, paging and version parameters of a list or watch, validated up front (400 when wrong).</summary>
public sealed record ListQuery(
    LabelSelector Labels,
    FieldSelector Fields,
    int Limit,
    string? ContinueAfter,
    string? ResourceVersion,
    bool Watch,
    bool AllowBookmarks,
    TimeSpan? Timeout)
{
    public static ListQuery Parse(HttpRequest request, ResourceDescriptor resource)
    {
        var query = request.Query;
        LabelSelector labels;
        FieldSelector fields;
        try
        {
            labels = LabelSelector.Parse(query["labelSelector"].ToString());
            fields = FieldSelector.Parse(query["fieldSelector"].ToString());
        }
        catch (SelectorException e)
        {
            throw ApiException.BadRequest(e.Message);
        }
        ObjectSummarizer.SelectableFields.TryGetValue(resource.StorageKey, out var extra);
        foreach (var requirement in fields.Requirements)
        {
            if (requirement.Field is not ("metadata.name" or "metadata.namespace") && extra?.Contains(requirement.Field) != true)
            {
                throw ApiException.BadRequest($"field label not supported: {requirement.Field} (for {resource.Plural}: metadata.name, metadata.namespace{(extra is null ? "" : ", " + string.Join(", ", extra))})");
            }
        }
        var limit = 0;
        if (query["limit"].ToString() is { Length: > 0 } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit)))
        {
            throw ApiException.BadRequest($"limit must be a non-negative integer, got \"{limitText}\"");
        }
        var watch = query["watch"].ToString() is "true" or "1";
        var timeout = query["timeoutSeconds"].ToString() is { Length: > 0 } t && long.TryParse(t, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : (TimeSpan?)null;
        return new ListQuery(labels, fields, limit, DecodeContinue(query["continue"].ToString()),
            query["resourceVersion"].ToString() is { Length: > 0 } rv ? rv : null,
            watch, query["allowWatchBookmarks"].ToString() is "true" or "1", timeout);
    }

    /// <summary>The resourceVersion to resume a watch from, or null to start with the current state.</summary>
    public long? WatchFrom()
    {
        if (ResourceVersion is null or "0")
        {
            return null;
        }
        return long.TryParse(ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
            ? rv
            : throw ApiException.BadRequest($"invalid resource version \"{ResourceVersion}\": it must be an integer from a previous response");
    }

    public Func<StoredObject, bool> Predicate() => obj =>
        Labels.Matches(obj.Summary.Labels) && Fields.Matches(field => field switch
        {
            "metadata.name" => obj.Key.Name,
            "metadata.namespace" => obj.Key.Namespace,
            _ => obj.Summary.Field(field) ?? "",
        });

    public static string EncodeContinue(long revision, string after) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = revision, ["start"] = after }.ToJsonString()))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? DecodeContinue(string token)
    {
        if (token.Length == 0)
        {
            return null;
        }
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var node = JsonNode.Parse(Convert.FromBase64String(padded));
            return node?["start"]?.GetValue<string>() ?? throw new FormatException("no start key");
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw ApiException.BadRequest($"continue key is not valid: {e.Message}; start the list again without continue");
        }
    }
}
