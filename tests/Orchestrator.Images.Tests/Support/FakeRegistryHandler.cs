using System.Net;
using System.Net.Http.Headers;

namespace Orchestrator.Images.Tests.Support;

/// <summary>
/// An in-memory registry behind an HttpMessageHandler, for what the loopback registry cannot be made to do: demand
/// bearer tokens, fail transiently, or lie about a digest.
/// </summary>
public sealed class FakeRegistryHandler : HttpMessageHandler
{
    public const string Token = "t0k3n";

    private readonly Dictionary<string, (byte[] Content, string MediaType)> _content = new(StringComparer.Ordinal);

    public List<string> Requests { get; } = [];

    /// <summary>Answers 401 with a Bearer challenge to requests without the token, as public registries do.</summary>
    public bool RequireToken { get; init; }

    /// <summary>Answers this many requests with 503 before serving.</summary>
    public int FailuresBeforeServing { get; set; }

    public Dictionary<string, string> ExtraHeaders { get; } = [];

    /// <summary>Serves <paramref name="content"/> at a path under /v2/.</summary>
    public void Serve(string path, byte[] content, string mediaType = "application/octet-stream") => _content[path] = (content, mediaType);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        Requests.Add($"{uri.Host}{uri.PathAndQuery}");
        if (FailuresBeforeServing > 0)
        {
            FailuresBeforeServing--;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }

        if (uri.Host == "auth.example")
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"token":"{{Token}}","expires_in":300}"""),
            });
        }

        if (RequireToken && request.Headers.Authorization?.ToString() != $"Bearer {Token}")
        {
            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            challenge.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue(
                "Bearer", """realm="https://auth.example/token",service="registry.example",scope="repository:app:pull" """.Trim()));
            return Task.FromResult(challenge);
        }

        if (!_content.TryGetValue(uri.AbsolutePath, out var found))
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent("""{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}"""),
            });
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(found.Content) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(found.MediaType);
        foreach (var (name, value) in ExtraHeaders)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return Task.FromResult(response);
    }
}
