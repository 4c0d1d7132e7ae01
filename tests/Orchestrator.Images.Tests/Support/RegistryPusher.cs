using System.Net.Http.Headers;

namespace Orchestrator.Images.Tests.Support;

/// <summary>
/// Pushes images with the distribution API's plain HTTP calls (a monolithic upload per blob: POST an upload, PUT it
/// with ?digest=, then PUT the manifest), since these tests have no docker or skopeo to push with.
/// </summary>
public sealed class RegistryPusher
{
    private readonly HttpClient _http;
    private readonly Uri _registry;

    public RegistryPusher(HttpClient http, string address)
    {
        _http = http;
        _registry = new Uri($"http://{address}");
    }

    public async Task PushBlobAsync(string repository, byte[] content)
    {
        var digest = Digests.Of(content);
        using var start = await _http.PostAsync(new Uri(_registry, $"/v2/{repository}/blobs/uploads/"), content: null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, start.StatusCode);
        var location = new Uri(_registry, start.Headers.Location!);
        var separator = location.Query.Length == 0 ? "?" : "&";
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await _http.PutAsync(new Uri(location + separator + "digest=" + Uri.EscapeDataString(digest)), body);
        Assert.True(put.IsSuccessStatusCode, $"blob upload of {digest} answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
    }

    public async Task<string> PushManifestAsync(string repository, string reference, byte[] manifest, string mediaType)
    {
        using var body = new ByteArrayContent(manifest);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var put = await _http.PutAsync(new Uri(_registry, $"/v2/{repository}/manifests/{reference}"), body);
        Assert.True(put.IsSuccessStatusCode, $"manifest push to {repository}:{reference} answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
        return Digests.Of(manifest);
    }

    /// <summary>Pushes the layer, the config, then the manifest under <paramref name="tag"/>; returns the manifest digest.</summary>
    internal async Task<string> PushImageAsync(string repository, string tag, BusyboxImage.BuiltImage image)
    {
        await PushBlobAsync(repository, image.Layer);
        await PushBlobAsync(repository, image.Config);
        return await PushManifestAsync(repository, tag, image.Manifest, MediaTypes.OciManifest);
    }
}
