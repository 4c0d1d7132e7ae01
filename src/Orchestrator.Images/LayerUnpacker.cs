using System.Formats.Tar;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Orchestrator.Images;

/// <summary>
/// Applies image layers, in order, to a root file system folder: tar entries are created, replaced or removed as
/// overlayfs would show them. Whiteouts (".wh.name") delete what lower layers made, opaque markers (".wh..wh..opq")
/// empty a directory of lower content, and no entry is written outside the root.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LayerUnpacker
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    private readonly string _root;

    // Only root may give files away; an unprivileged agent keeps them as its own, as rootless runtimes do.
    private readonly bool _chown = Environment.IsPrivilegedProcess;

    public LayerUnpacker(string root)
    {
        _root = Path.GetFullPath(root);
    }

    public async Task ApplyAsync(Stream tar, string what, CancellationToken cancellationToken)
    {
        var layer = new LayerState();
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            var components = ScopedPath.Clean(entry.Name, what);
            if (components.Count == 0)
            {
                continue;
            }

            var name = components[^1];
            var parent = components.GetRange(0, components.Count - 1);
            if (name == OpaqueMarker)
            {
                ClearLower(ScopedPath.Resolve(_root, parent, followFinal: true, createParents: false, what), layer);
                continue;
            }

            if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                var hidden = ScopedPath.Resolve(_root, [.. parent, name[WhiteoutPrefix.Length..]], followFinal: false, createParents: false, what);
                if (!layer.Wrote(hidden))
                {
                    Delete(hidden);
                }

                continue;
            }

            var path = ScopedPath.Resolve(_root, components, followFinal: false, createParents: true, what);
            await CreateAsync(entry, path, what, layer, cancellationToken);
        }

        // Last, so that a read-only directory in the layer did not stop its own children from being written.
        foreach (var (directory, mode) in layer.DirectoryModes)
        {
            File.SetUnixFileMode(directory, mode);
        }
    }

    private async Task CreateAsync(TarEntry entry, string path, string what, LayerState layer, CancellationToken cancellationToken)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (Kind(path) is not FileKind.Directory)
                {
                    Delete(path);
                    Directory.CreateDirectory(path);
                }

                Own(path, entry);
                layer.DirectoryModes.Add((path, entry.Mode));
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                Delete(path);
                // CreateNew refuses to open anything already at the path, so nothing is written through a link.
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    if (entry.DataStream is { } data)
                    {
                        await data.CopyToAsync(file, cancellationToken);
                    }
                }

                Own(path, entry);
                File.SetUnixFileMode(path, entry.Mode);
                File.SetLastWriteTimeUtc(path, entry.ModificationTime.UtcDateTime);
                break;
            case TarEntryType.SymbolicLink:
                Delete(path);
                // The target is kept as written: it means something only inside the container, and resolving through
                // it here always goes through ScopedPath.
                File.CreateSymbolicLink(path, entry.LinkName);
                Own(path, entry);
                break;
            case TarEntryType.HardLink:
                var existing = ScopedPath.Resolve(_root, ScopedPath.Clean(entry.LinkName, what), followFinal: false, createParents: false, what);
                if (Kind(existing) is FileKind.None or FileKind.Directory)
                {
                    throw new InvalidDataException($"{what}: hard link \"{entry.Name}\" points at \"{entry.LinkName}\", which is not a file in the image");
                }

                Delete(path);
                if (NativeMethods.Link(existing, path) != 0)
                {
                    throw new IOException($"{what}: could not link \"{entry.Name}\" to \"{entry.LinkName}\": errno {Marshal.GetLastPInvokeError()}");
                }

                break;
            default:
                // Devices and FIFOs: the runtime gives a container its /dev, and creating devices needs privileges
                // an unpacker should not use. Extended-attribute headers are folded into entries by TarReader.
                return;
        }

        layer.Add(path, _root);
    }

    /// <summary>An opaque directory: everything lower layers put there goes; what this layer wrote stays.</summary>
    private static void ClearLower(string directory, LayerState layer)
    {
        if (Kind(directory) is not FileKind.Directory)
        {
            return;
        }

        foreach (var child in Directory.EnumerateFileSystemEntries(directory))
        {
            if (layer.WroteUnder(child) && Kind(child) is FileKind.Directory)
            {
                ClearLower(child, layer);
            }
            else if (!layer.Wrote(child))
            {
                Delete(child);
            }
        }
    }

    private void Own(string path, TarEntry entry)
    {
        if (_chown && NativeMethods.LChown(path, (uint)entry.Uid, (uint)entry.Gid) != 0)
        {
            throw new IOException($"could not give {path} to {entry.Uid}:{entry.Gid}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static FileKind Kind(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is not null ? FileKind.Link
            : info.Exists ? FileKind.File
            : Directory.Exists(path) ? FileKind.Directory
            : FileKind.None;
    }

    // Never follows a link: deleting "x -> /" removes the link, not the host.
    private static void Delete(string path)
    {
        switch (Kind(path))
        {
            case FileKind.Link or FileKind.File:
                File.Delete(path);
                break;
            case FileKind.Directory:
                Directory.Delete(path, recursive: true);
                break;
        }
    }

    private enum FileKind
    {
        None,
        File,
        Directory,
        Link,
    }

    /// <summary>What the layer being applied has written, so its own whiteouts spare it (they hide lower layers only).</summary>
    private sealed class LayerState
    {
        private readonly HashSet<string> _written = new(StringComparer.Ordinal);
        private readonly HashSet<string> _ancestors = new(StringComparer.Ordinal);

        public List<(string Path, UnixFileMode Mode)> DirectoryModes { get; } = [];

        public bool Wrote(string path) => _written.Contains(path);

        public bool WroteUnder(string path) => _ancestors.Contains(path) || _written.Contains(path);

        public void Add(string path, string root)
        {
            _written.Add(path);
            for (var parent = Path.GetDirectoryName(path); parent is not null && parent.Length > root.Length; parent = Path.GetDirectoryName(parent))
            {
                _ancestors.Add(parent);
            }
        }
    }
}
