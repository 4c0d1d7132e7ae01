namespace Orchestrator.Agent.Runtime;

/// <summary>What every container gets, taken from containerd's defaults for Kubernetes.</summary>
internal static class OciDefaults
{
    // pid, mount, uts and ipc are per container for now; pod-level sharing needs a sandbox (pause) container.
    // No network namespace: containers share the host's network until the agent sets up pod networking.
    public static readonly IReadOnlyList<OciNamespace> Namespaces =
    [
        new() { Type = "pid" },
        new() { Type = "mount" },
        new() { Type = "uts" },
        new() { Type = "ipc" },
    ];

    public static readonly IReadOnlyList<OciMount> Mounts =
    [
        new() { Destination = "/proc", Type = "proc", Source = "proc", Options = ["nosuid", "noexec", "nodev"] },
        new() { Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"] },
        new()
        {
            Destination = "/dev/pts", Type = "devpts", Source = "devpts",
            Options = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"],
        },
        new() { Destination = "/dev/shm", Type = "tmpfs", Source = "shm", Options = ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
        new() { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = ["nosuid", "noexec", "nodev"] },
        new() { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = ["nosuid", "noexec", "nodev", "ro"] },
    ];

    // Docker's and containerd's default set; a non-root user loses them at exec anyway.
    public static readonly OciCapabilities Capabilities = Both(
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ]);

    public static readonly IReadOnlyList<string> MaskedPaths =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
    ];

    public static readonly IReadOnlyList<string> ReadonlyPaths =
    [
        "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
    ];

    private static OciCapabilities Both(IReadOnlyList<string> capabilities) =>
        new() { Bounding = capabilities, Effective = capabilities, Permitted = capabilities };
}
