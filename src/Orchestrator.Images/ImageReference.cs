using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Orchestrator.Images;

/// <summary>A normalised image reference, parsed as Docker and Kubernetes do: "busybox" is docker.io/library/busybox:latest.</summary>
public sealed partial record ImageReference
{
    /// <summary>The registry Docker assumes when a reference names none.</summary>
    public const string DockerHub = "docker.io";

    private const int MaxNameLength = 255;

    private ImageReference(string registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host, with its port if it has one: "docker.io", "127.0.0.1:5000".</summary>
    public string Registry { get; }

    /// <summary>The repository path inside the registry: "library/busybox", "tools/bb".</summary>
    public string Repository { get; }

    /// <summary>The tag; "latest" when the reference gave neither tag nor digest, null when it gave only a digest.</summary>
    public string? Tag { get; }

    /// <summary>The manifest digest, "sha256:" and 64 lowercase hex digits, when the reference pins one.</summary>
    public string? Digest { get; }

    /// <summary>Registry and repository: "docker.io/library/busybox".</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>What the registry's manifest endpoint is asked for: the digest when pinned, since it wins over a tag.</summary>
    public string ManifestReference => Digest ?? Tag!;

    /// <summary>Parses a reference; throws <see cref="InvalidImageReferenceException"/> saying what is wrong.</summary>
    public static ImageReference Parse(string image) =>
        TryParse(image, out var reference, out var reason) ? reference : throw new InvalidImageReferenceException(image, reason);

    public static bool TryParse(string? image, [NotNullWhen(true)] out ImageReference? reference, out string reason)
    {
        reason = Check(image, out reference);
        return reference is not null;
    }

    /// <summary>The same repository pinned to a digest, without the tag: what a pull by digest records.</summary>
    public ImageReference WithDigest(string digest)
    {
        if (!Digests.IsValid(digest))
        {
            throw new ArgumentException($"\"{digest}\" is not a sha256 digest", nameof(digest));
        }

        return new ImageReference(Registry, Repository, tag: null, digest);
    }

    /// <summary>The canonical form: registry/repository[:tag][@digest].</summary>
    public override string ToString() =>
        Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    private static string Check(string? image, out ImageReference? reference)
    {
        reference = null;
        if (string.IsNullOrEmpty(image))
        {
            return "the reference is empty; give a name such as busybox or registry.example.com/team/app:1.0";
        }

        if (image.Any(char.IsWhiteSpace))
        {
            return "it contains whitespace";
        }

        if (AnchoredHex().IsMatch(image))
        {
            return "a bare 64-character hex string is an image ID, not a reference; write name@sha256:<hex>";
        }

        var rest = image;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (DigestReason(digest) is { } digestReason)
            {
                return digestReason;
            }
        }

        string? tag = null;
        var colon = rest.IndexOf(':', rest.LastIndexOf('/') + 1);
        if (colon >= 0)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                return $"tag \"{tag}\" is not valid: up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'";
            }
        }

        if (rest.Length == 0)
        {
            return "it has no repository name";
        }

        var (registry, repository) = SplitRegistry(rest);
        if (registry is not null && RegistryReason(registry) is { } registryReason)
        {
            return registryReason;
        }

        if (RepositoryReason(repository) is { } repositoryReason)
        {
            return repositoryReason;
        }

        registry ??= DockerHub;
        if (registry == "index.docker.io")
        {
            registry = DockerHub;
        }

        if (registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = "library/" + repository;
        }

        if (registry.Length + 1 + repository.Length > MaxNameLength)
        {
            return $"the name is longer than {MaxNameLength} characters";
        }

        reference = new ImageReference(registry, repository, tag ?? (digest is null ? "latest" : null), digest);
        return "";
    }

    // Docker's rule: the first component names a registry only if it looks like a host (a '.' or a ':') or is
    // localhost; otherwise "team/app" is a Docker Hub repository.
    private static (string? Registry, string Repository) SplitRegistry(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (null, name);
        }

        var first = name[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"
            ? (first, name[(slash + 1)..])
            : (null, name);
    }

    private static string? DigestReason(string digest)
    {
        if (Digests.IsValid(digest))
        {
            return null;
        }

        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && digest[..colon] != "sha256")
        {
            return $"digest algorithm \"{digest[..colon]}\" is not supported; only sha256 digests are";
        }

        return $"digest \"{digest}\" is not valid: it must be sha256: followed by 64 lowercase hex digits";
    }

    private static string? RegistryReason(string registry)
    {
        var match = RegistryPattern().Match(registry);
        if (!match.Success)
        {
            return $"registry \"{registry}\" is not a valid host[:port]";
        }

        if (match.Groups["port"].Success && (!int.TryParse(match.Groups["port"].Value, out var port) || port is < 1 or > 65535))
        {
            return $"registry \"{registry}\" has a port outside 1-65535";
        }

        return null;
    }

    private static string? RepositoryReason(string repository)
    {
        foreach (var component in repository.Split('/'))
        {
            if (component.Length == 0)
            {
                return $"repository \"{repository}\" has an empty path component (a doubled or trailing '/')";
            }

            if (!ComponentPattern().IsMatch(component))
            {
                return component.Any(char.IsUpper)
                    ? $"repository name \"{repository}\" must be lowercase"
                    : $"repository path component \"{component}\" is not valid: use lowercase letters and digits, separated by '.', '_', '__' or '-'";
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-f0-9]{64}$")]
    private static partial Regex AnchoredHex();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex ComponentPattern();

    [GeneratedRegex(@"^(?:(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(?:\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*|\[[A-Fa-f0-9:]+\])(?::(?<port>[0-9]+))?$")]
    private static partial Regex RegistryPattern();
}
