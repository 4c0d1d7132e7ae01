using System.Text;

namespace Orchestrator.Storage.Tests;

/// <summary>A SQLite store in a temporary folder, opened and reopened by tests, deleted afterwards.</summary>
internal sealed class StoreFolder : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("orchestrator-storage-");

    public string Database => Path.Combine(_folder.FullName, "objects.db");

    public ObjectLog Open(ObjectCacheOptions? options = null) =>
        ObjectLog.Open(new SqliteObjectLogBackend(Database), Summarize, options);

    /// <summary>Tests store "name:label" strings; the label after the colon is the object's one label, app=label.</summary>
    public static ObjectSummary Summarize(ObjectKey key, byte[] json)
    {
        var text = Encoding.UTF8.GetString(json);
        var label = text.Split(':').ElementAtOrDefault(1);
        return new ObjectSummary(key.Name, label is null ? null : new Dictionary<string, string> { ["app"] = label }, null);
    }

    public static Task<StoredObject> WriteAsync(ObjectLog log, string ns, string name, string label = "", bool delete = false)
    {
        var key = new ObjectKey("/things", ns, name);
        var json = Encoding.UTF8.GetBytes($"{name}:{label}");
        return log.Append(key, delete, _ => (json, Summarize(key, json))).Committed;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
