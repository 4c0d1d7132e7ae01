using System.Security.Cryptography;

namespace Orchestrator.Images;

/// <summary>sha256 digests as the OCI specs write them: "sha256:" and 64 lowercase hex digits.</summary>
internal static class Digests
{
    public const string Prefix = "sha256:";

    public static bool IsValid(string? digest) =>
        digest is { Length: 71 } && digest.StartsWith(Prefix, StringComparison.Ordinal) && digest.AsSpan(Prefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;

    public static string Require(string digest, string what) =>
        IsValid(digest) ? digest : throw new InvalidDataException($"{what}: \"{digest}\" is not a sha256 digest (sha256: and 64 lowercase hex digits)");

    public static string Hex(string digest) => digest[Prefix.Length..];

    public static string Of(ReadOnlySpan<byte> content) => Prefix + Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Of(IncrementalHash hash) => Prefix + Convert.ToHexStringLower(hash.GetHashAndReset());
}
