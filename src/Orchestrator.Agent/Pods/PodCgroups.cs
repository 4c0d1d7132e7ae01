namespace Orchestrator.Agent.Pods;

/// <summary>Removes a pod's cgroup, which runc and crun leave behind when they delete the pod's last container.</summary>
internal static class PodCgroups
{
    private const string Root = "/sys/fs/cgroup";

    /// <summary>Removes <c>&lt;parent&gt;/pod&lt;uid&gt;</c> in every hierarchy (each v1 controller, or the one v2 tree); returns what could not be removed.</summary>
    public static IReadOnlyList<string> Remove(string cgroupParent, string podUid)
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }
        var relative = $"{cgroupParent.Trim('/')}/pod{podUid}";
        var hierarchies = Directory.GetDirectories(Root).Prepend(Root);
        var failed = new List<string>();
        foreach (var folder in hierarchies.Select(h => Path.Combine(h, relative)).Where(Directory.Exists))
        {
            try
            {
                // rmdir, not a recursive delete: a cgroup's files are the kernel's and go with it.
                Directory.Delete(folder);
            }
            catch (DirectoryNotFoundException)
            {
                // Already removed through another name: cpu and cpuacct are often links to one cpu,cpuacct hierarchy.
            }
            catch (IOException)
            {
                failed.Add(folder);
            }
        }
        return failed;
    }
}
