namespace Orchestrator.Images;

/// <summary>
/// Paths inside a root file system, resolved as if the root were "/": symlinks are followed, but ".." and absolute
/// link targets stop at the root, as in a chroot. Docker and containerd unpack layers the same way, which is what
/// keeps a link planted by one entry ("etc -> /host/etc") from carrying a later entry ("etc/passwd") out of the root.
/// </summary>
internal static class ScopedPath
{
    private const int MaxLinks = 40;

    /// <summary>The components of a tar entry name; throws for absolute names and for ".." that climbs above the root.</summary>
    public static List<string> Clean(string name, string what)
    {
        if (name.StartsWith('/'))
        {
            throw new InvalidDataException($"{what}: entry \"{name}\" has an absolute path; a layer holds paths relative to its root");
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{what}: entry \"{name}\" has a NUL in its name");
        }

        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    throw new InvalidDataException($"{what}: entry \"{name}\" climbs out of the root with '..'");
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return parts;
    }

    /// <summary>
    /// The real path of <paramref name="components"/> under <paramref name="root"/>, following symlinks in every
    /// component but the last (and the last too when <paramref name="followFinal"/>), creating missing parent
    /// directories when <paramref name="createParents"/>.
    /// </summary>
    public static string Resolve(string root, IReadOnlyList<string> components, bool followFinal, bool createParents, string what)
    {
        var resolved = new List<string>();
        var pending = new Stack<string>(components.Reverse());
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var isFinal = pending.Count == 0;
            var candidate = Join(root, resolved, part);
            var info = new FileInfo(candidate);
            if (info.LinkTarget is { } target && (!isFinal || followFinal))
            {
                if (++links > MaxLinks)
                {
                    throw new InvalidDataException($"{what}: too many levels of symbolic links");
                }

                if (target.StartsWith('/'))
                {
                    resolved.Clear();
                }

                foreach (var next in target.Split('/').Where(p => p is not ("" or ".")).Reverse())
                {
                    pending.Push(next);
                }

                continue;
            }

            if (!isFinal && createParents)
            {
                if (info.Exists)
                {
                    throw new InvalidDataException($"{what}: \"{string.Join('/', components)}\" needs \"{Relative(resolved, part)}\" to be a directory, but a layer made it a file");
                }

                Directory.CreateDirectory(candidate);
            }

            resolved.Add(part);
        }

        return Join(root, resolved, null);
    }

    private static string Join(string root, List<string> resolved, string? part)
    {
        var relative = Relative(resolved, part);
        return relative.Length == 0 ? root : Path.Join(root, relative);
    }

    private static string Relative(List<string> resolved, string? part) =>
        part is null ? string.Join('/', resolved) : string.Join('/', resolved.Append(part));
}
