using System.Collections.Concurrent;

namespace Orchestrator.Images.Tests.Support;

/// <summary>Counts the requests an HttpClient sends, by kind (manifests, blobs, token), to show what a pull asked for.</summary>
public sealed class CountingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _requests = new();

    public CountingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    public IReadOnlyList<string> Requests => _requests.ToList();

    public int Count(string kind) => _requests.Count(r => r.Contains($"/{kind}/", StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
        return base.SendAsync(request, cancellationToken);
    }
}
