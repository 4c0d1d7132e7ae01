using System.Globalization;
using Orchestrator.Agent.Logs;

namespace Orchestrator.Agent.Pods;

/// <summary>
/// The log of one container attempt: the runtime appends the container's output to <c>&lt;n&gt;.out</c> and a
/// <see cref="LogPump"/> copies it into the CRI log <c>&lt;n&gt;.log</c> that <c>kubectl logs</c> will read.
/// </summary>
internal sealed class AttemptLog
{
    private readonly LogPump _pump;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pumping;

    private AttemptLog(string rawPath, LogPump pump, TimeSpan interval)
    {
        RawPath = rawPath;
        _pump = pump;
        _pumping = pump.RunAsync(() => false, interval, _stop.Token);
    }

    public string RawPath { get; }

    public static string Folder(string podFolder, string container) => Path.Combine(podFolder, "logs", container);

    public static string LogPath(string podFolder, string container, int restartCount) =>
        Path.Combine(Folder(podFolder, container), restartCount.ToString(CultureInfo.InvariantCulture) + ".log");

    /// <summary>The marker written once an attempt's output is all in its log.</summary>
    public static string DonePath(string logPath) => Path.ChangeExtension(logPath, ".done");

    /// <summary>
    /// The marker a container's worker keeps while it waits out CrashLoopBackOff, naming the attempt that died: the
    /// kubelet reports that attempt as the container's lastState.terminated, so <c>kubectl logs --previous</c> shows it
    /// (and not the one before) until the next attempt starts and removes the marker.
    /// </summary>
    public static string BackOffPath(string podFolder, string container) => Path.Combine(Folder(podFolder, container), "backoff");

    /// <summary>Records that the container waits out a back-off after attempt <paramref name="restartCount"/> died.</summary>
    public static void MarkBackOff(string podFolder, string container, int restartCount)
    {
        try
        {
            Directory.CreateDirectory(Folder(podFolder, container));
            File.WriteAllText(BackOffPath(podFolder, container), restartCount.ToString(CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            // Logs are kept on a best-effort basis; without the marker --previous shows the attempt before.
        }
    }

    /// <summary>The attempt a back-off follows, or null when the container is not waiting out one.</summary>
    public static int? BackingOffAfter(string podFolder, string container)
    {
        try
        {
            return int.TryParse(File.ReadAllText(BackOffPath(podFolder, container)), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
                ? attempt
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Starts copying; the container must already be writing to <see cref="RawPath"/> or about to.</summary>
    public static AttemptLog Start(string podFolder, string container, int restartCount, LogRotation rotation, TimeSpan interval, TimeProvider time)
    {
        var log = LogPath(podFolder, container, restartCount);
        var raw = Path.ChangeExtension(log, ".out");
        // A start that failed is tried again under the same restart count: its marker would end a follower at once.
        if (File.Exists(DonePath(log)))
        {
            File.Delete(DonePath(log));
        }

        // The runtime has made this attempt's output file, so a lookup now finds it as the newest: the back-off is over.
        if (File.Exists(BackOffPath(podFolder, container)))
        {
            File.Delete(BackOffPath(podFolder, container));
        }
        return new AttemptLog(raw, new LogPump(raw, log, rotation, time), interval);
    }

    /// <summary>
    /// Called as attempt <paramref name="restartCount"/> starts: keeps its log, the one before (<c>kubectl logs --previous</c>
    /// from now on) and the one before that (what <c>--previous</c> meant until a moment ago).
    /// </summary>
    /// <remarks>
    /// <see cref="Logs.PodLogFiles"/> resolves <c>--previous</c> from a listing of these files and reads the log after: a
    /// request that listed them just before this start must still find the log it chose. Deleting that one here served
    /// such a request an empty log, or "previous terminated container not found" when it listed between this prune and
    /// the runtime creating the new attempt's output. The kubelet's container GC likewise runs apart from container
    /// starts and keeps the newest dead container, the one <c>--previous</c> shows.
    /// </remarks>
    public static void PruneBefore(string podFolder, string container, int restartCount)
    {
        var folder = Folder(podFolder, container);
        if (!Directory.Exists(folder))
        {
            return;
        }
        foreach (var file in Directory.GetFiles(folder))
        {
            var name = Path.GetFileName(file);
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && int.TryParse(name[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) && attempt < restartCount - 2)
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Copies what is left, the last unterminated line included, once the container has exited.</summary>
    public async Task FinishAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pumping;
            _pump.Pump(final: true);
            File.Delete(RawPath);
            File.Delete(RawPath + ".pos");

            // Tells a follower of this attempt (kubectl logs -f) that nothing more will come.
            await File.WriteAllTextAsync(DonePath(_pump.LogPath), "");
        }
        catch (IOException)
        {
            // Logs are kept on a best-effort basis: a full disk must not stop the pod.
        }
        _stop.Dispose();
    }
}
