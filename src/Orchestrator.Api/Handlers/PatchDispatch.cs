using System.Text.Json.Nodes;
using Orchestrator.Api.Http;
using Orchestrator.Patching;

namespace Orchestrator.Api.Handlers;

/// <summary>Applies a JSON, merge or strategic merge patch by its media type; patch failures leave as 400 or 422.</summary>
internal static class PatchDispatch
{
    public static JsonObject Apply(Type modelType, string mediaType, JsonObject live, JsonNode patch)
    {
        try
        {
            var patched = mediaType switch
            {
                RequestBody.JsonPatch => JsonPatch.Apply(live, patch),
                RequestBody.MergePatch => JsonMergePatch.Apply(live, patch),
                RequestBody.StrategicMergePatch => StrategicMergePatch.Apply(live, patch, modelType),
                _ => throw new ApiException(415, "UnsupportedMediaType", $"{mediaType} cannot be applied here"),
            };
            return patched as JsonObject ?? throw ApiException.BadRequest("the patch turned the object into something that is not an object");
        }
        catch (PatchException e)
        {
            throw new ApiException(e.Code, e.Code == 422 ? "Invalid" : "BadRequest", e.Message);
        }
    }
}
