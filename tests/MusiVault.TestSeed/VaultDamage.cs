using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MusiVault.TestSeed;

/// <summary>
/// Real index damage, as a failing disk or a crashed writer without a journal leaves it: rows whose entries are
/// missing from an index, so that integrity_check reports "row N missing from index" and a query that reads the index
/// misses them. (quick_check does not compare indexes with their tables, so it still says "ok".)
/// </summary>
public static class VaultDamage
{
    /// <summary>
    /// Moves <paramref name="rows"/> rows of <paramref name="table"/> to new key values of <paramref name="column"/>
    /// while <paramref name="index"/> is made partial with WHERE 0 through writable_schema: SQLite then leaves the index
    /// alone, so it keeps each row's old entry and lacks the new one. The index's SQL is put back afterwards.
    /// Deleting and re-inserting an identical row is not enough: the stale entry would still match it.
    /// Returns integrity_check's lines after the damage (the caller asserts them).
    /// </summary>
    public static IReadOnlyList<string> DropIndexEntries(string path, string table = "liked_tracks", string index = "liked_tracks_in_order",
        string column = "position", string key = "track_uri", int rows = 7)
    {
        SqliteConnection.ClearAllPools();
        string sql;
        using (var connection = Open(path))
        {
            sql = Scalar(connection, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{index}';") as string
                ?? throw new InvalidOperationException($"The index '{index}' does not exist or has no SQL.");
        }
        if (sql.Contains(" WHERE ", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The index '{index}' is already partial; this method needs a full index.");
        }
        SetIndexSql(path, index, sql + " WHERE 0");
        using (var connection = Open(path))
        {
            Execute(connection, string.Create(CultureInfo.InvariantCulture,
                $"UPDATE \"{table}\" SET \"{column}\" = \"{column}\" + 1000000000 WHERE \"{key}\" IN (SELECT \"{key}\" FROM \"{table}\" ORDER BY \"{key}\" LIMIT {rows});"));
        }
        SetIndexSql(path, index, sql);
        using (var connection = Open(path))
        {
            return IntegrityCheck(connection);
        }
    }

    public static IReadOnlyList<string> IntegrityCheck(SqliteConnection connection, string pragma = "integrity_check")
    {
        ArgumentNullException.ThrowIfNull(connection);
        var lines = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    }

    private static void SetIndexSql(string path, string index, string sql)
    {
        using var connection = Open(path);
        Execute(connection, "PRAGMA writable_schema = ON;");
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE sqlite_master SET sql = $sql WHERE type = 'index' AND name = $name;";
        update.Parameters.AddWithValue("$sql", sql);
        update.Parameters.AddWithValue("$name", index);
        if (update.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"Could not rewrite the SQL of index '{index}'.");
        }
        Execute(connection, "PRAGMA writable_schema = OFF;");
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
