using System.Buffers.Binary;
using System.Diagnostics;

namespace Orchestrator.Agent.Tests.Testing;

/// <summary>A root filesystem of one static busybox and a symlink per applet, the smallest image that runs a shell.</summary>
public static class BusyboxRootfs
{
    private const string Busybox = "/bin/busybox";
    private const string Install = "apt-get install -y busybox-static";

    private static readonly Lazy<IReadOnlyList<string>> Applets = new(ListApplets);

    public static string Create(string folder)
    {
        var bin = Path.Combine(folder, "bin");
        Directory.CreateDirectory(bin);
        foreach (var mountPoint in new[] { "proc", "dev", "sys", "tmp", "etc" })
        {
            Directory.CreateDirectory(Path.Combine(folder, mountPoint));
        }
        File.Copy(Busybox, Path.Combine(bin, "busybox"));
        // Relative links: `busybox --install -s` would point them at /usr/bin/busybox, which the rootfs lacks.
        foreach (var applet in Applets.Value)
        {
            File.CreateSymbolicLink(Path.Combine(bin, applet), "busybox");
        }
        return folder;
    }

    private static IReadOnlyList<string> ListApplets()
    {
        if (!File.Exists(Busybox))
        {
            throw new InvalidOperationException($"{Busybox} is missing; the container tests need a static busybox: {Install}");
        }
        if (HasInterpreter(Busybox))
        {
            throw new InvalidOperationException($"{Busybox} is dynamically linked and would find no libc in the rootfs: {Install}");
        }
        using var list = Process.Start(new ProcessStartInfo(Busybox, "--list") { RedirectStandardOutput = true })!;
        var applets = list.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        list.WaitForExit();
        return [.. applets.Where(applet => applet is not "busybox")];
    }

    // A dynamically linked ELF64 file has a PT_INTERP program header naming its loader.
    private static bool HasInterpreter(string path)
    {
        var elf = File.ReadAllBytes(path);
        var headers = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x20));
        var size = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x36));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x38));
        return Enumerable.Range(0, count).Any(i => BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(headers + (i * size))) == 3);
    }
}
