using System.Globalization;

namespace Orchestrator.Benchmarks;

/// <summary>A process's resident memory from /proc/&lt;pid&gt;/status: VmRSS, its anonymous and file-backed parts, the peak, and its threads.</summary>
public sealed record ProcessMemory(long Resident, long Anonymous, long FileBacked, long Peak, int Threads)
{
    public const double Mebibyte = 1 << 20;

    public static ProcessMemory Read(int pid)
    {
        var fields = File.ReadLines($"/proc/{pid}/status")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim(), StringComparer.Ordinal);
        // Every size there is in kB ("VmRSS:     155900 kB").
        long Bytes(string name) => fields.TryGetValue(name, out var value)
            ? long.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture) * 1024
            : throw new BenchmarkFailure($"/proc/{pid}/status has no {name}");
        return new ProcessMemory(Bytes("VmRSS"), Bytes("RssAnon"), Bytes("RssFile") + Bytes("RssShmem"), Bytes("VmHWM"), int.Parse(fields["Threads"], CultureInfo.InvariantCulture));
    }

    public double ResidentMebibytes => Resident / Mebibyte;

    public override string ToString() =>
        $"{Resident / Mebibyte:F1} MiB (anonymous {Anonymous / Mebibyte:F1}, file-backed {FileBacked / Mebibyte:F1}; peak so far {Peak / Mebibyte:F1}), {Threads} threads";
}
