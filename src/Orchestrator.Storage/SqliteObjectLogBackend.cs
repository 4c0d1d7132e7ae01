using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with synchronous=FULL, written by one thread in batched
/// transactions (group commit), so a batch of hundreds of writes costs one fsync.
/// </summary>
public sealed class SqliteObjectLogBackend : IObjectLogBackend
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _setRevision;

    public SqliteObjectLogBackend(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS objects (
                resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                revision INTEGER NOT NULL, value BLOB NOT NULL,
                PRIMARY KEY (resource, namespace, name)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
            INSERT OR IGNORE INTO meta(key, value) VALUES ('revision', 0);
            """);
        _upsert = Prepare("""
            INSERT INTO objects(resource, namespace, name, revision, value) VALUES ($r, $n, $m, $rev, $v)
            ON CONFLICT(resource, namespace, name) DO UPDATE SET revision = excluded.revision, value = excluded.value
            """, "$r", "$n", "$m", "$rev", "$v");
        _delete = Prepare("DELETE FROM objects WHERE resource = $r AND namespace = $n AND name = $m", "$r", "$n", "$m");
        _setRevision = Prepare("UPDATE meta SET value = $rev WHERE key = 'revision'", "$rev");
    }

    public long LoadRevision()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'revision'";
        return (long)command.ExecuteScalar()!;
    }

    public IEnumerable<(ObjectKey Key, long Revision, byte[] Json)> LoadAll()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT resource, namespace, name, revision, value FROM objects";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (new ObjectKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)),
                reader.GetInt64(3), (byte[])reader.GetValue(4));
        }
    }

    public void Commit(IReadOnlyList<PendingWrite> batch, long revision)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var command in new[] { _upsert, _delete, _setRevision })
        {
            command.Transaction = transaction;
        }
        foreach (var write in batch)
        {
            var key = write.Object.Key;
            var command = write.Deleted ? _delete : _upsert;
            command.Parameters[0].Value = key.Resource;
            command.Parameters[1].Value = key.Namespace;
            command.Parameters[2].Value = key.Name;
            if (!write.Deleted)
            {
                command.Parameters[3].Value = write.Object.Revision;
                command.Parameters[4].Value = write.Object.Json;
            }
            command.ExecuteNonQuery();
        }
        _setRevision.Parameters[0].Value = revision;
        _setRevision.ExecuteNonQuery();
        transaction.Commit();
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _delete.Dispose();
        _setRevision.Dispose();
        _connection.Dispose();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }
}
