using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Benchmarks;

/// <summary>
/// A lean HTTP client for the API: HTTP/1.1 over TLS that trusts exactly the kubeconfig's CA, bearer token,
/// one pooled connection per concurrent caller.
/// </summary>
public sealed class ApiClient : IDisposable
{
    public const string PodsPath = "/api/v1/namespaces/default/pods";

    private readonly HttpClient _http;
    private readonly X509Certificate2 _ca;

    public ApiClient(ServerConnection connection)
    {
        _ca = X509Certificate2.CreateFromPem(connection.CaPem);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 4096,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = TrustsOnlyTheCa },
        };
        _http = new HttpClient(handler) { BaseAddress = connection.Server, Timeout = TimeSpan.FromMinutes(5) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connection.Token);
    }

    /// <summary>POST a pod; true on 201.</summary>
    public async Task<bool> CreatePodAsync(byte[] json, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(PodsPath, content, cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
        return response.StatusCode == HttpStatusCode.Created;
    }

    /// <summary>Sends a JSON body (POST, PUT or PATCH with its content type) and returns the answer; throws unless 2xx.</summary>
    public async Task<byte[]> SendJsonAsync(HttpMethod method, string path, string json, string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? body
            : throw new BenchmarkFailure($"{method} {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(300, body.Length)))}");
    }

    /// <summary>DELETE a path; true on 200 or 202, and on 404 (already gone).</summary>
    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await _http.DeleteAsync(path, cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
        return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.NotFound;
    }

    /// <summary>GET a path and read the whole body; true on 200.</summary>
    public async Task<bool> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>GET a path and return the body; throws unless 200.</summary>
    public async Task<byte[]> GetBytesAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchmarkFailure($"GET {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(300, body.Length)))}");
        }
        return body;
    }

    /// <summary>GET a list and count its items as the body streams in; throws unless 200.</summary>
    public async Task<(int Items, long Bytes)> StreamListAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchmarkFailure($"GET {path} answered {(int)response.StatusCode}");
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await ListStreamReader.CountAsync(body, cancellationToken);
    }

    /// <summary>Opens a watch stream on the namespace's pods; the caller reads and disposes it.</summary>
    public Task<HttpResponseMessage> OpenWatchAsync(string resourceVersion, CancellationToken cancellationToken) =>
        OpenWatchAsync(PodsPath, resourceVersion, cancellationToken);

    /// <summary>Opens a watch stream on a collection path; the caller reads and disposes it.</summary>
    public async Task<HttpResponseMessage> OpenWatchAsync(string collection, string resourceVersion, CancellationToken cancellationToken)
    {
        var response = await _http.GetAsync($"{collection}?watch=true&resourceVersion={resourceVersion}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            response.Dispose();
            throw new BenchmarkFailure($"the watch answered {(int)response.StatusCode}");
        }
        return response;
    }

    /// <summary>The item count and resourceVersion of a PodList body.</summary>
    public static (int Items, string ResourceVersion) ReadList(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        int items = 0;
        string? resourceVersion = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                if (reader.ValueTextEquals("items"u8))
                {
                    reader.Read();
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        items++;
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("metadata"u8))
                {
                    reader.Read();
                    using var metadata = JsonDocument.ParseValue(ref reader);
                    resourceVersion = metadata.RootElement.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() : null;
                }
            }
        }
        return (items, resourceVersion ?? throw new BenchmarkFailure("the list had no metadata.resourceVersion"));
    }

    /// <summary>Counts the pods of a collection (the benchmark namespace by default) with one full list.</summary>
    public async Task<int> CountPodsAsync(string path = PodsPath) => ReadList(await GetBytesAsync(path)).Items;

    /// <summary>CPU seconds the server process has used so far (process_cpu_seconds_total).</summary>
    public async Task<double> ServerCpuSecondsAsync() =>
        Metric(Encoding.UTF8.GetString(await GetBytesAsync("/metrics")), "process_cpu_seconds_total")
        ?? throw new BenchmarkFailure("/metrics lacks process_cpu_seconds_total");

    /// <summary>A numeric sample from /metrics, or null when the series is absent.</summary>
    public static double? Metric(string metrics, string name)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{')
            {
                var value = line[(line.LastIndexOf(' ') + 1)..];
                return double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    public void Dispose()
    {
        _http.Dispose();
        _ca.Dispose();
    }

    private bool TrustsOnlyTheCa(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(new X509Certificate2(certificate));
    }
}
