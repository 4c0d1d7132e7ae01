namespace Orchestrator.Agent.Runtime;

/// <summary>Command lines for one OCI runtime binary with its own state folder.</summary>
internal sealed class OciCommandLine(string binary, string stateRoot, string? unshare)
{
    // crun 1.8 refuses hybrid cgroups ("cgroups in hybrid mode not supported, drop all controllers from cgroupv2"),
    // and --cgroup-manager=disabled does not help. In a private mount namespace with the cgroup2 mount removed it
    // sees plain v1 and works; the container keeps that namespace's view, the host's mounts are untouched.
    private const string HideUnifiedCgroup = "umount /sys/fs/cgroup/unified && exec \"$@\"";

    public IReadOnlyList<string> For(string? logFile, params string[] arguments)
    {
        var command = new List<string>();
        if (unshare is not null)
        {
            command.AddRange([unshare, "--mount", "--propagation", "private", "/bin/sh", "-c", HideUnifiedCgroup, "sh"]);
        }
        command.AddRange([binary, "--root", stateRoot]);
        if (logFile is not null)
        {
            command.AddRange(["--log", logFile]);
        }
        command.AddRange(arguments);
        return command;
    }
}
