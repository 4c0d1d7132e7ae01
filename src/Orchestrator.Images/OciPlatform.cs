using System.Runtime.InteropServices;
using Arch = System.Runtime.InteropServices.Architecture;

namespace Orchestrator.Images;

/// <summary>An os/architecture[/variant] pair as image indexes write them.</summary>
internal sealed record OciPlatform
{
    public string Os { get; init; } = "";

    public string Architecture { get; init; } = "";

    public string? Variant { get; init; }

    /// <summary>The platform this process runs on, in Go's names, which is what images use.</summary>
    public static OciPlatform Running { get; } = new()
    {
        Os = "linux",
        Architecture = RuntimeInformation.OSArchitecture switch
        {
            Arch.X64 => "amd64",
            Arch.Arm64 => "arm64",
            Arch.Arm => "arm",
            Arch.X86 => "386",
            Arch.S390x => "s390x",
            Arch.Ppc64le => "ppc64le",
            Arch.RiscV64 => "riscv64",
            Arch.LoongArch64 => "loong64",
            var other => other.ToString().ToLowerInvariant(),
        },
        Variant = RuntimeInformation.OSArchitecture == Arch.Arm ? "v7" : null,
    };

    /// <summary>Parses "linux/amd64" or "linux/arm/v7".</summary>
    public static OciPlatform Parse(string platform)
    {
        var parts = platform.Split('/');
        return parts.Length is 2 or 3 && parts.All(p => p.Length > 0)
            ? new OciPlatform { Os = parts[0], Architecture = parts[1], Variant = parts.Length == 3 ? parts[2] : null }
            : throw new ArgumentException($"platform \"{platform}\" is not os/architecture[/variant], such as linux/amd64", nameof(platform));
    }

    // Variants matter only where they change the instruction set an image needs: arm's v6/v7, arm64's v8 (the default).
    public bool Matches(OciPlatform candidate) =>
        candidate.Os == Os && candidate.Architecture == Architecture
        && (Variant is null || candidate.Variant is null || candidate.Variant == Variant
            || (Architecture == "arm64" && (Variant ?? "v8") == (candidate.Variant ?? "v8")));

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
