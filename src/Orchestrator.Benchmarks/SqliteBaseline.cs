using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Benchmarks;

/// <summary>
/// The durable-write floor on this disk: raw SQLite inserts of pod-sized rows in WAL mode with synchronous=FULL,
/// as the server's store is configured, one row per transaction and in batches like the server's group commit.
/// </summary>
public static class SqliteBaseline
{
    /// <summary>Rows per second for one transaction per row and for <paramref name="batch"/> rows per transaction.</summary>
    public static (double SingleRowPerSecond, double BatchedPerSecond) Run(string folder, int singleRows, int batchedRows, int batch)
    {
        var path = Path.Combine(folder, "baseline.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(connection, "CREATE TABLE objects (name TEXT PRIMARY KEY, revision INTEGER NOT NULL, value BLOB NOT NULL) WITHOUT ROWID;");
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO objects(name, revision, value) VALUES ($n, $r, $v)";
        var name = insert.Parameters.Add("$n", SqliteType.Text);
        var revision = insert.Parameters.Add("$r", SqliteType.Integer);
        var value = insert.Parameters.Add("$v", SqliteType.Blob);
        var row = 0;

        double Timed(int rows, int perTransaction)
        {
            var clock = Stopwatch.StartNew();
            for (var done = 0; done < rows; done += perTransaction)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                for (var i = 0; i < perTransaction; i++, row++)
                {
                    name.Value = PodFactory.Name("baseline", row);
                    revision.Value = row;
                    value.Value = PodFactory.Json(PodFactory.Name("baseline", row), row);
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            return rows / clock.Elapsed.TotalSeconds;
        }

        var single = Timed(singleRows, 1);
        var batched = Timed(batchedRows / batch * batch, batch);
        connection.Close();
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(folder, "baseline.db*"))
        {
            File.Delete(file);
        }
        return (single, batched);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
