namespace Orchestrator.Agent.Runtime;

/// <summary>A container this process created: its first process, its cgroup, and how it ends.</summary>
internal sealed class TrackedContainer
{
    private TrackedContainer(int pid, ContainerCgroup cgroup, Task<ContainerExit>? exit = null)
    {
        Pid = pid;
        Cgroup = cgroup;
        Exit = exit ?? ExitAsync(pid, cgroup);
    }

    public int Pid { get; }

    public ContainerCgroup Cgroup { get; }

    public Task<ContainerExit> Exit { get; }

    /// <summary>Starts reaping the container's first process; call once the runtime's create has returned.</summary>
    public static TrackedContainer Adopt(int pid) => new(pid, ContainerCgroup.Of(pid));

    /// <summary>Follows a container another process created: not our child, so its end is seen by polling and its exit code is lost.</summary>
    public static TrackedContainer Foreign(int pid)
    {
        var cgroup = ContainerCgroup.Of(pid);
        return new TrackedContainer(pid, cgroup, PollAsync(pid, cgroup));
    }

    private static async Task<ContainerExit> PollAsync(int pid, ContainerCgroup cgroup)
    {
        // kill(pid, 0) succeeds while the process exists; its parent (init, since the agent that made it is gone) reaps it.
        while (Native.Kill(pid, 0) == 0)
        {
            await Task.Delay(250);
        }

        var oom = cgroup.OomKills > 0;
        return new ContainerExit(128 + (int)ContainerSignal.Kill, oom) { Lost = !oom };
    }

    // The cgroup outlives the process until the runtime deletes the container, so the OOM counter is read the moment
    // the process is reaped. A SIGKILL exit (137) with an OOM kill in the container's own cgroup is the OOM killer's.
    private static async Task<ContainerExit> ExitAsync(int pid, ContainerCgroup cgroup)
    {
        var code = await ChildReaper.WaitAsync(pid);
        return new ContainerExit(code, code == 128 + (int)ContainerSignal.Kill && cgroup.OomKills > 0);
    }
}
