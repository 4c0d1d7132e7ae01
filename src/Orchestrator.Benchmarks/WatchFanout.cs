using System.Diagnostics;
using System.Text;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Opens many watches on the namespace's pods from the current resourceVersion, creates pods, and times how long
/// until every watcher has every event. Events are counted as lines without parsing, so the client stays cheap.
/// </summary>
public static class WatchFanout
{
    public static async Task<WatchResult> RunAsync(ApiClient api, int watchers, int pods, int clients, string prefix, TimeSpan timeout)
    {
        var (_, resourceVersion) = ApiClient.ReadList(await api.GetBytesAsync(ApiClient.PodsPath + "?limit=1"));
        using var stop = new CancellationTokenSource();
        var responses = await Task.WhenAll(Enumerable.Range(0, watchers).Select(_ => api.OpenWatchAsync(resourceVersion, stop.Token)));
        var counts = new long[watchers];
        var finishedAt = new long[watchers];
        string? problem = null;
        var started = Stopwatch.GetTimestamp();
        var readers = responses.Select((response, w) => Task.Run(async () =>
        {
            try
            {
                using (response)
                {
                    await using var stream = await response.Content.ReadAsStreamAsync(stop.Token);
                    var buffer = new byte[64 * 1024];
                    var lastRead = 0;
                    while (Volatile.Read(ref counts[w]) < pods)
                    {
                        var read = await stream.ReadAsync(buffer, stop.Token);
                        if (read == 0)
                        {
                            var tail = Encoding.UTF8.GetString(buffer, Math.Max(0, lastRead - 400), Math.Min(400, lastRead));
                            Interlocked.CompareExchange(ref problem, $"watch {w} ended after {counts[w]} events: {tail}", null);
                            return;
                        }
                        lastRead = read;
                        var lines = buffer.AsSpan(0, read).Count((byte)'\n');
                        if (Interlocked.Add(ref counts[w], lines) >= pods)
                        {
                            finishedAt[w] = Stopwatch.GetTimestamp();
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Timed out: counted as incomplete below.
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                Interlocked.CompareExchange(ref problem, $"watch {w} failed: {e.Message}", null);
            }
        })).ToArray();

        var creates = await LoadRunner.RunAsync("watched creates", pods, clients, i =>
        {
            var name = PodFactory.Name(prefix, i);
            return api.CreatePodAsync(PodFactory.Json(name, i));
        });
        var createsTook = Stopwatch.GetElapsedTime(started);
        using (new Progress("watch delivery (events)", watchers * pods, () => (int)Math.Min(int.MaxValue, counts.Sum())))
        {
            stop.CancelAfter(timeout);
            await Task.WhenAll(readers);
        }
        await stop.CancelAsync();
        if (creates.Failures > 0)
        {
            problem ??= $"{creates.Failures} of the watched creates failed";
        }
        var complete = finishedAt.Where(t => t != 0).ToArray();
        var last = complete.Length == 0 ? Stopwatch.GetTimestamp() : complete.Max();
        var delivered = counts.Sum(c => Math.Min(c, pods));
        return new WatchResult(watchers, pods, delivered, Stopwatch.GetElapsedTime(started, last), createsTook,
            watchers - complete.Length, problem);
    }
}
