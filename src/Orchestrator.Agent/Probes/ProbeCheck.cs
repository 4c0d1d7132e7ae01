using System.Globalization;
using System.Net.Sockets;
using k8s.Models;
using Orchestrator.Agent.Runtime;

namespace Orchestrator.Agent.Probes;

/// <summary>Runs one check of a probe, as the kubelet's prober: exec in the container, an HTTP GET (200-399 passes) or a TCP connect.</summary>
public sealed class ProbeCheck(HttpClient http)
{
    /// <summary>True when the check passed; the message says why not, in kubelet's words where it has them.</summary>
    public async Task<(bool Success, string Message)> RunAsync(
        V1Probe probe, V1Container container, string containerId, string podIp, IContainerRuntime runtime, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (probe.Exec?.Command is { Count: > 0 } command)
        {
            if (runtime is not IContainerExec exec)
            {
                return (false, $"the {runtime.Name} runtime cannot exec into containers");
            }

            var result = await exec.ExecAsync(containerId, [.. command], timeout, cancellationToken);
            return result.TimedOut ? (false, $"command timed out after {timeout.TotalSeconds:0}s")
                : result.Succeeded ? (true, "")
                : (false, $"command {string.Join(' ', command)} exited with {result.ExitCode}: {result.Output.Trim()}");
        }

        if (probe.HttpGet is { } get)
        {
            var port = Port(get.Port, container);
            var host = string.IsNullOrEmpty(get.Host) ? podIp : get.Host;
            var scheme = string.Equals(get.Scheme, "HTTPS", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
            var url = new UriBuilder(scheme, host, port, string.IsNullOrEmpty(get.Path) ? "/" : get.Path).Uri;
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            foreach (var header in get.HttpHeaders ?? [])
            {
                request.Headers.TryAddWithoutValidation(header.Name, header.Value);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                var code = (int)response.StatusCode;
                return code is >= 200 and < 400 ? (true, "") : (false, $"HTTP probe failed with statuscode: {code}");
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return (false, $"Get \"{url}\": {(e is OperationCanceledException ? "context deadline exceeded" : e.Message)}");
            }
        }

        if (probe.TcpSocket is { } tcp)
        {
            var port = Port(tcp.Port, container);
            var host = string.IsNullOrEmpty(tcp.Host) ? podIp : tcp.Host;
            using var client = new TcpClient();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await client.ConnectAsync(host, port, deadline.Token);
                return (true, "");
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return (false, $"dial tcp {host}:{port.ToString(CultureInfo.InvariantCulture)}: {(e is OperationCanceledException ? "i/o timeout" : e.Message)}");
            }
        }

        return (false, "the probe has no exec, httpGet or tcpSocket handler");
    }

    /// <summary>A number, or the name of one of the container's ports.</summary>
    internal static int Port(IntOrString port, V1Container container)
    {
        var value = port?.Value ?? "";
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return container.Ports?.FirstOrDefault(p => p.Name == value)?.ContainerPort
            ?? throw new ArgumentException($"container {container.Name} has no port named {value}");
    }
}
