using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using k8s;

namespace Orchestrator.Tests.Testing;

/// <summary>Plain HTTP to the API server with the kubeconfig's token and CA, for requests no typed client would send.</summary>
public sealed class RawApi : IDisposable
{
    private readonly HttpClient _http;

    public RawApi(ClusterProcess cluster, bool withToken = true)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig);
        var ca = config.SslCaCerts.Cast<X509Certificate2>().Single();
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(ca.RawData);
        _http = new HttpClient(handler) { BaseAddress = new Uri(config.Host) };
        if (withToken)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", config.AccessToken);
        }
    }

    public sealed record Response(int Code, string Body, HttpResponseHeaders Headers)
    {
        public JsonNode Json => JsonNode.Parse(Body)!;
    }

    public Task<Response> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json", string? accept = null) =>
        SendAsync(method, path, body is null ? null : Encoding.UTF8.GetBytes(body), contentType, accept);

    public async Task<Response> SendAsync(HttpMethod method, string path, byte[]? body, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        using var response = await _http.SendAsync(request);
        return new Response((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers);
    }

    public void Dispose() => _http.Dispose();
}
