using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Polly;

namespace Orchestrator.Images;

/// <summary>
/// Pulls images from OCI distribution registries (Docker Hub, GHCR, a registry on loopback) into an
/// <see cref="ImageStore"/>, verifying every manifest and blob against its digest and fetching anonymous bearer tokens
/// when a registry asks for one.
/// </summary>
public sealed class RegistryClient
{
    // containerd's limit: a manifest is a small JSON document, and reading one must not exhaust memory.
    private const int MaxManifestBytes = 4 << 20;

    private static readonly TimeSpan TokenMargin = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly RegistryClientOptions _options;
    private readonly OciPlatform _platform;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);

    public RegistryClient(HttpClient http, RegistryClientOptions? options = null)
    {
        _http = http;
        _options = options ?? new RegistryClientOptions();
        _platform = OciPlatform.Parse(_options.Platform);
        _pipeline = RegistryPipeline.Create(_options);
    }

    /// <summary>
    /// Resolves <paramref name="reference"/> at its registry and stores the image for this client's platform, fetching
    /// only the blobs the store lacks. Nothing enters the store unless every blob verified.
    /// </summary>
    public async Task<LocalImage> PullAsync(ImageReference reference, ImageStore store, CancellationToken cancellationToken)
    {
        var top = await GetManifestAsync(reference, reference.ManifestReference, cancellationToken);
        using var batch = store.BeginBatch();
        await batch.AddAsync(top.Content, top.Digest, top.Url, cancellationToken);

        var image = top;
        if (top.Document.IsIndex(top.MediaType))
        {
            var entry = top.Document.SelectPlatform(_platform, reference.ToString());
            image = await GetManifestAsync(reference, entry.Digest, cancellationToken);
            if (image.Document.IsIndex(image.MediaType))
            {
                throw new InvalidDataException($"{image.Url}: an index inside an index is not supported");
            }

            await batch.AddAsync(image.Content, image.Digest, image.Url, cancellationToken);
        }

        var config = image.Document.Config!;
        long downloaded = 0;
        foreach (var blob in image.Document.Layers!.Prepend(config))
        {
            if (!batch.Has(blob.Digest))
            {
                downloaded += await FetchBlobAsync(reference, blob, batch, cancellationToken);
            }
        }

        var document = ConfigDocument.Parse(await batch.ReadAsync(config.Digest, cancellationToken), $"config {config.Digest} of {reference}");
        batch.Commit();
        // Also under name@digest, so that a later pull of the same content by digest is found locally.
        store.Tag(new[] { reference, reference.WithDigest(top.Digest) }.Distinct(), image.Digest);
        return new LocalImage(reference, image.Digest, document.ToImageConfig()) { Pulled = true, DownloadedBytes = downloaded };
    }

    /// <summary>The base URL of a registry's API: HTTPS, except loopback and registries the options call insecure.</summary>
    internal Uri BaseUri(string registry)
    {
        if (registry == ImageReference.DockerHub)
        {
            return new Uri("https://registry-1.docker.io");
        }

        var host = registry.StartsWith('[') ? registry[..(registry.IndexOf(']', StringComparison.Ordinal) + 1)] : registry.Split(':')[0];
        var loopback = host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        return new Uri((loopback || _options.InsecureRegistries.Contains(registry) ? "http://" : "https://") + registry);
    }

    private async Task<Manifest> GetManifestAsync(ImageReference reference, string manifestReference, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseUri(reference.Registry), $"/v2/{reference.Repository}/manifests/{manifestReference}");
        using var response = await SendAsync(reference, uri, MediaTypes.Manifests, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ImageNotFoundException(
                reference.ToString(), $"image \"{reference}\" was not found at {reference.Registry} ({await ErrorOfAsync(response, cancellationToken)}); check the name and tag");
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new ImageNotFoundException(
                reference.ToString(), $"pull access denied for \"{reference}\": the repository does not exist or needs credentials, and only anonymous pulls are supported");
        }

        await EnsureSuccessAsync(reference, response, uri, cancellationToken);
        var content = await ReadLimitedAsync(reference, response, uri, cancellationToken);
        var digest = Digests.Of(content);
        var expected = Digests.IsValid(manifestReference) ? manifestReference
            : response.Headers.TryGetValues("Docker-Content-Digest", out var header) && Digests.IsValid(header.First()) ? header.First()
            : digest;
        if (digest != expected)
        {
            throw new DigestMismatchException(expected, digest, uri.ToString());
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return new Manifest(content, digest, mediaType, uri.ToString(), ManifestDocument.Parse(content, uri.ToString()));
    }

    private async Task<long> FetchBlobAsync(ImageReference reference, Descriptor blob, BlobBatch batch, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseUri(reference.Registry), $"/v2/{reference.Repository}/blobs/{blob.Digest}");
        using var response = await SendAsync(reference, uri, accept: null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new RegistryException(
                reference.Registry, $"registry {reference.Registry} lists blob {blob.Digest} in \"{reference}\" but does not have it (HTTP 404)", response.StatusCode);
        }

        await EnsureSuccessAsync(reference, response, uri, cancellationToken);
        try
        {
            await using var content = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await batch.AddAsync(content, blob.Digest, blob.Size, uri.ToString(), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or HttpIOException)
        {
            throw new RegistryException(reference.Registry, $"lost the connection to {reference.Registry} while downloading {uri}: {e.Message}", inner: e);
        }
    }

    /// <summary>Sends a GET, and when the registry answers 401 with a Bearer challenge, gets an anonymous token and sends it again.</summary>
    private async Task<HttpResponseMessage> SendAsync(ImageReference reference, Uri uri, string[]? accept, CancellationToken cancellationToken)
    {
        var scope = $"repository:{reference.Repository}:pull";
        var key = $"{reference.Registry} {scope}";
        var cached = _tokens.TryGetValue(key, out var entry) && entry.Expires > _options.Time.GetUtcNow() ? entry.Token : null;
        var response = await SendOnceAsync(reference, uri, accept, cached, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized
            || response.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) is not { } header
            || BearerChallenge.Parse(header.Parameter) is not { } challenge)
        {
            return response;
        }

        response.Dispose();
        var token = await FetchTokenAsync(reference, challenge, scope, key, cancellationToken);
        return await SendOnceAsync(reference, uri, accept, token, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(ImageReference reference, Uri uri, string[]? accept, string? token, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                async attempt =>
                {
                    // A request can be sent once; each attempt gets its own.
                    var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    foreach (var mediaType in accept ?? [])
                    {
                        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
                    }

                    if (token is not null)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }

                    return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt);
                },
                cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new RegistryException(
                reference.Registry, $"could not reach registry {reference.Registry} at {uri.GetLeftPart(UriPartial.Authority)}: {e.Message}", e.StatusCode, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryException(reference.Registry, $"registry {reference.Registry} at {uri.GetLeftPart(UriPartial.Authority)} did not answer in time", inner: e);
        }
    }

    private async Task<string> FetchTokenAsync(ImageReference reference, BearerChallenge challenge, string scope, string key, CancellationToken cancellationToken)
    {
        var uri = challenge.TokenUri(scope);
        using var response = await SendOnceAsync(reference, uri, accept: null, token: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException(
                reference.Registry,
                $"the token service {uri.GetLeftPart(UriPartial.Path)} of {reference.Registry} refused an anonymous token for {scope} (HTTP {(int)response.StatusCode}); the image may need credentials, which are not supported yet",
                response.StatusCode);
        }

        TokenResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        }
        catch (JsonException e)
        {
            throw new RegistryException(reference.Registry, $"the token service {uri.GetLeftPart(UriPartial.Path)} answered with invalid JSON: {e.Message}", inner: e);
        }

        var token = body?.Token ?? body?.AccessToken
            ?? throw new RegistryException(reference.Registry, $"the token service {uri.GetLeftPart(UriPartial.Path)} answered without a token");
        // The token spec's default lifetime is 60 s; a margin keeps a token from expiring between check and use.
        var lifetime = TimeSpan.FromSeconds(body!.ExpiresIn is > 0 and var seconds ? seconds : 60);
        _tokens[key] = (token, _options.Time.GetUtcNow() + lifetime - TokenMargin);
        return token;
    }

    private static async Task EnsureSuccessAsync(ImageReference reference, HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException(
                reference.Registry, $"registry {reference.Registry} answered GET {uri.AbsolutePath} with HTTP {(int)response.StatusCode} ({await ErrorOfAsync(response, cancellationToken)})", response.StatusCode);
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(ImageReference reference, HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxManifestBytes)
        {
            throw new InvalidDataException($"{uri}: the manifest is larger than {MaxManifestBytes} bytes");
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxManifestBytes)
                {
                    throw new InvalidDataException($"{uri}: the manifest is larger than {MaxManifestBytes} bytes");
                }
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or HttpIOException)
        {
            throw new RegistryException(reference.Registry, $"lost the connection to {reference.Registry} while reading {uri}: {e.Message}", inner: e);
        }
    }

    // The distribution spec's error body: {"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}.
    private static async Task<string> ErrorOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var errors = document.RootElement.GetProperty("errors").EnumerateArray()
                .Select(e => $"{e.GetProperty("code").GetString()}: {e.GetProperty("message").GetString()}");
            return string.Join("; ", errors);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or HttpRequestException)
        {
            return response.ReasonPhrase ?? response.StatusCode.ToString();
        }
    }

    private sealed record Manifest(byte[] Content, string Digest, string? MediaType, string Url, ManifestDocument Document);

    private sealed record TokenResponse(
        [property: JsonPropertyName("token")] string? Token,
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}
