using System.Globalization;
using Orchestrator.Agent.Pods;

namespace Orchestrator.Agent.Logs;

/// <summary>
/// Finds container logs where the pod workers keep them, <c>&lt;data&gt;/pods/&lt;uid&gt;/logs/&lt;container&gt;/&lt;attempt&gt;.log</c>,
/// so the log endpoint needs nothing from the workers but the files (and it keeps working across an agent restart).
/// </summary>
public sealed class PodLogFiles(string dataDirectory) : IContainerLogSource
{
    public ContainerLogLookup Find(string ns, string pod, string uid, string container, bool previous)
    {
        var podFolder = Path.Combine(Path.GetFullPath(dataDirectory), "pods", uid);
        var folder = AttemptLog.Folder(podFolder, container);
        var attempts = Directory.Exists(folder)
            ? Attempts(folder)
            : [];
        if (attempts.Count == 0)
        {
            return ContainerLogLookup.Missing($"container \"{container}\" in pod \"{pod}\" is waiting to start: ContainerCreating");
        }

        // --previous is the container's last termination (the kubelet's lastState.terminated): the attempt before the
        // newest, except while the container waits out CrashLoopBackOff, when it is the newest, the one that just died.
        var current = attempts[^1];
        var wanted = !previous ? current : AttemptLog.BackingOffAfter(podFolder, container) == current ? current : current - 1;
        if (previous && !attempts.Contains(wanted))
        {
            return ContainerLogLookup.Missing($"previous terminated container \"{container}\" in pod \"{pod}\" not found");
        }

        var log = AttemptLog.LogPath(podFolder, container, wanted);
        return ContainerLogLookup.Found(log, () => wanted < current || File.Exists(AttemptLog.DonePath(log)) || !Directory.Exists(podFolder)
            || (Directory.Exists(folder) && Attempts(folder).Count > attempts.Count));
    }

    // An attempt shows as its raw output (<n>.out) before the pump has written its first line to <n>.log.
    private static List<int> Attempts(string folder) =>
        [.. Directory.GetFiles(folder)
            .Where(f => f.EndsWith(".log", StringComparison.Ordinal) || f.EndsWith(".out", StringComparison.Ordinal))
            .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : -1)
            .Where(a => a >= 0).Distinct().Order()];
}
