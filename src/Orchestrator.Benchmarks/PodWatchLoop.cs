using System.Text.Json;

namespace Orchestrator.Benchmarks;

/// <summary>The read loop the benchmarks' pod watches share: each event line to an observer, resumed from the last resourceVersion when the server ends the watch.</summary>
public static class PodWatchLoop
{
    /// <summary>Reads until cancelled; a failed watch is handed to <paramref name="failed"/> (with why) and ends the loop.</summary>
    public static async Task RunAsync(ApiClient api, Func<string> resourceVersion, Action<string> observe, Action<string> failed, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await api.OpenWatchAsync(resourceVersion(), cancellationToken);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var reader = new StreamReader(body);
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.Length > 0)
                    {
                        observe(line);
                    }
                }
                // The server ended the watch (its timeout): resume from the last resourceVersion seen.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or JsonException or BenchmarkFailure or KeyNotFoundException)
            {
                failed($"the pod watch failed: {e.Message}");
                return;
            }
        }
    }
}
