using System.Globalization;
using System.Runtime.InteropServices;

namespace Orchestrator.Agent.Node;

/// <summary>Reads <see cref="HostFacts"/> from /proc, /etc and the data directory's filesystem; the parsing is pure and tested.</summary>
public static class HostProbe
{
    public static HostFacts Read(string dataDirectory)
    {
        var (total, available) = ParseMeminfo(ReadOr("/proc/meminfo", ""));
        var disk = new DriveInfo(Path.GetFullPath(dataDirectory));
        var machineId = ReadOr("/etc/machine-id", "").Trim();
        return new HostFacts
        {
            MemoryTotalBytes = total,
            MemoryAvailableBytes = available,
            DiskTotalBytes = disk.TotalSize,
            DiskAvailableBytes = disk.AvailableFreeSpace,
            Threads = ParseLoadavgThreads(ReadOr("/proc/loadavg", "")),
            PidMax = long.TryParse(ReadOr("/proc/sys/kernel/pid_max", "").Trim(), CultureInfo.InvariantCulture, out var pidMax) ? pidMax : 32768,
            OsImage = ParseOsRelease(ReadOr("/etc/os-release", "")) ?? RuntimeInformation.OSDescription,
            KernelVersion = ReadOr("/proc/sys/kernel/osrelease", "").Trim(),
            Architecture = GoArchitecture(RuntimeInformation.OSArchitecture),
            MachineId = machineId,
            BootId = ReadOr("/proc/sys/kernel/random/boot_id", "").Trim().Replace("-", "", StringComparison.Ordinal),
            SystemUuid = ReadOr("/sys/class/dmi/id/product_uuid", machineId).Trim(),
        };
    }

    /// <summary>MemTotal and MemAvailable in bytes (the file counts kB, which are KiB).</summary>
    public static (long Total, long Available) ParseMeminfo(string text)
    {
        long total = 0;
        long available = 0;
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var kib))
            {
                continue;
            }
            if (parts[0] == "MemTotal:")
            {
                total = kib * 1024;
            }
            else if (parts[0] == "MemAvailable:")
            {
                available = kib * 1024;
            }
        }
        return (total, available);
    }

    /// <summary>PRETTY_NAME of /etc/os-release, unquoted; null when absent.</summary>
    public static string? ParseOsRelease(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                var value = line["PRETTY_NAME=".Length..].Trim();
                return value.Length >= 2 && value[0] is ('"' or '\'') && value[^1] == value[0] ? value[1..^1] : value;
            }
        }
        return null;
    }

    /// <summary>The total in the fourth field of /proc/loadavg ("running/total"): every thread on the machine.</summary>
    public static long ParseLoadavgThreads(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var slash = fields.Length > 3 ? fields[3].IndexOf('/', StringComparison.Ordinal) : -1;
        return slash >= 0 && long.TryParse(fields[3][(slash + 1)..], CultureInfo.InvariantCulture, out var threads) ? threads : 0;
    }

    public static string GoArchitecture(Architecture architecture) => architecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
        System.Runtime.InteropServices.Architecture.LoongArch64 => "loong64",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    private static string ReadOr(string path, string fallback)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return fallback;
        }
    }
}
