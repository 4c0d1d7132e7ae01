using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Orchestrator.Images.Tests.Support;

/// <summary>Crafts small tar layers, hostile ones included: <c>LayerBuilder.New().File("a/x", "1").Symlink("l", "/etc")</c>.</summary>
public sealed class LayerBuilder
{
    private readonly List<TarEntry> _entries = [];

    public static LayerBuilder New() => new();

    public LayerBuilder Directory(string name, UnixFileMode mode = (UnixFileMode)0b111_101_101) =>
        Add(new PaxTarEntry(TarEntryType.Directory, name) { Mode = mode });

    public LayerBuilder File(string name, string content = "", UnixFileMode mode = (UnixFileMode)0b110_100_100, int uid = 0, int gid = 0) =>
        Add(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = mode,
            Uid = uid,
            Gid = gid,
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
        });

    public LayerBuilder Symlink(string name, string target) =>
        Add(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)0b111_111_111 });

    public LayerBuilder HardLink(string name, string target) =>
        Add(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target });

    /// <summary>".wh.name" beside <paramref name="path"/>: hides it from lower layers.</summary>
    public LayerBuilder Whiteout(string path)
    {
        var slash = path.LastIndexOf('/');
        return File(slash < 0 ? ".wh." + path : path[..(slash + 1)] + ".wh." + path[(slash + 1)..]);
    }

    public LayerBuilder Opaque(string directory) => File(directory.TrimEnd('/') + "/.wh..wh..opq");

    public byte[] ToTar()
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                entry.DataStream?.Seek(0, SeekOrigin.Begin);
                writer.WriteEntry(entry);
            }
        }

        return tar.ToArray();
    }

    public byte[] ToGzip()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(ToTar());
        }

        return compressed.ToArray();
    }

    private LayerBuilder Add(TarEntry entry)
    {
        _entries.Add(entry);
        return this;
    }
}
