using System.Collections.Concurrent;
using System.Text.Json;

namespace Orchestrator.Images;

/// <summary>
/// The store's index.json: image reference -> manifest digest. Small, read whole and replaced whole through a
/// temporary file and a rename, so a crash leaves the old index or the new one, never half of one.
/// </summary>
internal sealed class ReferenceIndex
{
    // One lock per index file, not per instance: two stores opened on one folder must not lose each other's tags.
    private static readonly ConcurrentDictionary<string, Lock> Locks = new(StringComparer.Ordinal);

    private readonly string _path;
    private readonly string _temporaryFolder;
    private readonly Lock _lock;

    public ReferenceIndex(string path, string temporaryFolder)
    {
        _path = path;
        _temporaryFolder = temporaryFolder;
        _lock = Locks.GetOrAdd(path, _ => new Lock());
    }

    public IReadOnlyDictionary<string, string> ReadAll()
    {
        lock (_lock)
        {
            return Load();
        }
    }

    public string? Get(string reference)
    {
        lock (_lock)
        {
            return Load().GetValueOrDefault(reference);
        }
    }

    public void Set(IEnumerable<string> references, string manifestDigest)
    {
        lock (_lock)
        {
            var all = Load();
            foreach (var reference in references)
            {
                all[reference] = manifestDigest;
            }

            Save(all);
        }
    }

    public bool Remove(string reference)
    {
        lock (_lock)
        {
            var all = Load();
            if (!all.Remove(reference))
            {
                return false;
            }

            Save(all);
            return true;
        }
    }

    private SortedDictionary<string, string> Load()
    {
        if (!File.Exists(_path))
        {
            return new SortedDictionary<string, string>(StringComparer.Ordinal);
        }

        try
        {
            var file = JsonSerializer.Deserialize<IndexFile>(File.ReadAllBytes(_path), OciJson.Options);
            return file?.References is { } references
                ? new SortedDictionary<string, string>(references, StringComparer.Ordinal)
                : new SortedDictionary<string, string>(StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the image index {_path} is corrupt ({e.Message}); move it aside and pull the images again", e);
        }
    }

    private void Save(SortedDictionary<string, string> references)
    {
        var temporary = Path.Combine(_temporaryFolder, $"index.{Guid.NewGuid():N}.json");
        var json = JsonSerializer.SerializeToUtf8Bytes(new IndexFile(1, references), new JsonSerializerOptions(OciJson.Options) { WriteIndented = true });
        using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(json);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }

    private sealed record IndexFile(int Version, SortedDictionary<string, string> References);
}
