namespace Orchestrator.Benchmarks;

/// <summary>
/// What the agent benchmark's pods left behind, and its forced removal: runc containers in a state folder, pod cgroups
/// <c>/sys/fs/cgroup/&lt;hierarchy&gt;/&lt;parent&gt;/pod&lt;uid&gt;</c> and the container cgroups under them. Blocking, so
/// that Dispose and a signal handler can use it. Only the benchmark's own uids are looked at: other runs on the machine
/// may have pods of their own under the same parent.
/// </summary>
public static class AgentLeftovers
{
    private const string CgroupRoot = "/sys/fs/cgroup";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The containers runc still knows in <paramref name="stateRoot"/> and the cgroups of the given pods.</summary>
    public static IReadOnlyList<string> Find(string runc, string stateRoot, string cgroupParent, IEnumerable<string> podUids)
    {
        var (ids, error) = Containers(runc, stateRoot);
        return [.. ids.Select(id => $"runc container {id}"), .. error is null ? [] : new[] { error }, .. PodCgroups(cgroupParent, podUids)];
    }

    /// <summary>Deletes (forcibly) every container in <paramref name="stateRoot"/> and removes the pods' cgroups; returns what could not be removed.</summary>
    public static IReadOnlyList<string> Remove(string runc, string stateRoot, string cgroupParent, IEnumerable<string> podUids)
    {
        var uids = podUids.ToList();
        foreach (var id in Containers(runc, stateRoot).Ids)
        {
            ChildCommand.Run(runc, ["--root", stateRoot, "delete", "--force", id], Timeout);
        }
        foreach (var folder in PodCgroups(cgroupParent, uids))
        {
            // rmdir, children first: a cgroup's files are the kernel's, and a cgroup with children cannot go.
            foreach (var child in Directory.GetDirectories(folder))
            {
                TryRemove(child);
            }
            TryRemove(folder);
        }
        return Find(runc, stateRoot, cgroupParent, uids);
    }

    /// <summary>Removes <c>&lt;parent&gt;</c> itself in every hierarchy, for a parent only the benchmark uses.</summary>
    public static void RemoveParent(string cgroupParent)
    {
        foreach (var folder in Hierarchies().Select(h => Path.Combine(h, cgroupParent.Trim('/'))).Where(Directory.Exists))
        {
            TryRemove(folder);
        }
    }

    private static (string[] Ids, string? Error) Containers(string runc, string stateRoot)
    {
        if (!Directory.Exists(stateRoot))
        {
            return ([], null);
        }
        var (exitCode, output) = ChildCommand.Run(runc, ["--root", stateRoot, "list", "--quiet"], Timeout);
        return exitCode == 0
            ? (output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), null)
            : ([], $"runc list of {stateRoot} failed: {output.Trim()}");
    }

    private static IEnumerable<string> PodCgroups(string cgroupParent, IEnumerable<string> podUids) =>
        from hierarchy in Hierarchies()
        from uid in podUids
        let folder = Path.Combine(hierarchy, cgroupParent.Trim('/'), "pod" + uid)
        where Directory.Exists(folder)
        select folder;

    // Every v1 controller's hierarchy, or the single v2 tree at the root.
    private static IEnumerable<string> Hierarchies() =>
        Directory.Exists(CgroupRoot) ? Directory.GetDirectories(CgroupRoot).Prepend(CgroupRoot) : [];

    private static void TryRemove(string folder)
    {
        try
        {
            Directory.Delete(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still holds processes, or already gone through another name (cpu and cpuacct may be one hierarchy).
        }
    }
}
