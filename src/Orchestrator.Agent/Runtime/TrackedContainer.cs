namespace Orchestrator.Agent.Runtime;

/// <summary>A container this process created: its first process, its cgroup, and how it ends.</summary>
internal sealed class TrackedContainer
{
    private TrackedContainer(int pid, ContainerCgroup cgroup)
    {
        Pid = pid;
        Cgroup = cgroup;
        Exit = ExitAsync(pid, cgroup);
    }

    public int Pid { get; }

    public ContainerCgroup Cgroup { get; }

    public Task<ContainerExit> Exit { get; }

    /// <summary>Starts reaping the container's first process; call once the runtime's create has returned.</summary>
    public static TrackedContainer Adopt(int pid) => new(pid, ContainerCgroup.Of(pid));

    // The cgroup outlives the process until the runtime deletes the container, so the OOM counter is read the moment
    // the process is reaped. A SIGKILL exit (137) with an OOM kill in the container's own cgroup is the OOM killer's.
    private static async Task<ContainerExit> ExitAsync(int pid, ContainerCgroup cgroup)
    {
        var code = await ChildReaper.WaitAsync(pid);
        return new ContainerExit(code, code == 128 + (int)ContainerSignal.Kill && cgroup.OomKills > 0);
    }
}
