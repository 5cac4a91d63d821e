using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Vault;

/// <summary>Which check a vault passed before a sync: the whole integrity_check, or all of it but a large history's indexes.</summary>
internal enum IntegrityCheckKind
{
    Whole,
    Partial,
}

/// <summary>What a database file says about itself once it passed integrity_check.</summary>
internal sealed record VaultFileFacts(string VaultId, int SchemaVersion, string Counts);

/// <summary>
/// Whole-file operations on a vault for backup and restore: a consistent snapshot, the integrity check with the facts a
/// backup records, and replacing a vault in place. The SQL they need lives here, with the store.
/// </summary>
internal static class VaultMaintenance
{
    private const int SqliteNotADatabase = 26;

    /// <summary>
    /// A consistent copy of a vault that may be in use: SQLite's online backup API reads the source inside one read
    /// transaction, so the copy is a committed state even while another connection is writing (WAL).
    /// </summary>
    public static void CreateSnapshot(string vaultPath, string snapshotPath)
    {
        var fullPath = Path.GetFullPath(vaultPath);
        if (!File.Exists(fullPath))
        {
            throw new VaultNotFoundException(fullPath);
        }
        using var source = VaultDatabase.Open(fullPath);
        using var destination = new SqliteConnection(ConnectionString(snapshotPath, readOnly: false));
        try
        {
            destination.Open();
            source.BackupDatabase(destination);
            // The copy carries the source's WAL flag; a backup is a single file, so make it one.
            using var journal = destination.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode = DELETE;";
            journal.ExecuteNonQuery();
        }
        catch (SqliteException ex)
        {
            throw new MusiVaultException("VaultSnapshotFailed", ErrorKind.ReadError,
                $"Cannot take a snapshot of the vault '{fullPath}': {ex.Message}", fullPath, ex);
        }
    }

    /// <summary>
    /// Runs integrity_check and reads the vault id, schema version and row counts; the file is not changed. A failed
    /// check or an unreadable file is <paramref name="errorId"/>.
    /// </summary>
    public static VaultFileFacts Inspect(string databasePath, string errorId)
    {
        using var connection = new SqliteConnection(ConnectionString(databasePath, readOnly: true));
        try
        {
            connection.Open();
            var problems = new List<string>();
            using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA integrity_check;";
                using var reader = check.ExecuteReader();
                while (reader.Read())
                {
                    problems.Add(reader.GetString(0));
                }
            }
            if (problems is not ["ok"])
            {
                throw new MusiVaultException(errorId, ErrorKind.InvalidData,
                    $"The database failed integrity_check: {string.Join("; ", problems.Take(5))}", databasePath);
            }
            var vaultId = Convert.ToString(Scalar(connection, "SELECT value FROM vault_meta WHERE key = 'vault_id';"), CultureInfo.InvariantCulture) ?? "";
            var schema = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
            return new VaultFileFacts(vaultId, schema, CountRows(connection));
        }
        catch (SqliteException ex)
        {
            throw new MusiVaultException(errorId, ErrorKind.InvalidData, $"The database cannot be read: {ex.Message}", databasePath, ex);
        }
    }

    /// <summary>
    /// Writes <paramref name="source"/>'s content over the existing vault <paramref name="destination"/> through SQLite's
    /// backup API, in one write transaction: a plain rename would pair the new file with the old one's -wal and -shm.
    /// False when the destination is not a database at all (nothing can be using it as one: the caller may rename).
    /// </summary>
    public static bool TryReplaceContent(string source, string destination)
    {
        try
        {
            using var from = new SqliteConnection(ConnectionString(source, readOnly: true));
            using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false, DefaultTimeout = 30 }.ToString());
            from.Open();
            to.Open();
            from.BackupDatabase(to);
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteNotADatabase)
        {
            return false;
        }
        catch (SqliteException ex)
        {
            throw VaultErrors.Translate(ex, destination) ?? new MusiVaultException("RestoreWriteFailed", ErrorKind.WriteError,
                $"Cannot replace '{destination}': {ex.Message}", destination, ex);
        }
    }

    /// <summary>
    /// Before a sync writes. quick_check alone does not compare indexes with their tables, and a unique index that lost
    /// rows lets a sync store duplicates (issue 12), so every table a sync keeps state in gets integrity_check. The one
    /// exception is a large listening history (<c>plays</c>, after a data-export import): at a million plays its check
    /// alone costs ~8 s of CPU, three quarters of the whole check (docs/benchmarks.md), and a sync adds at most 50 plays
    /// to it; then an ordinary sync gives it quick_check (pages and rows sound), a full pass (<paramref name="thorough"/>)
    /// the whole integrity_check. Below <see cref="LargeHistory"/> plays one whole integrity_check is the cheaper of
    /// the two (one pass over the file instead of quick_check plus a pass per table: 230 against 350 ms on a 60 MB
    /// vault) and checks everything. Refuses with VaultDamaged, which says how to recover.
    /// </summary>
    /// <param name="largeHistory">Tests only: where a history counts as large.</param>
    /// <returns>Which check ran.</returns>
    public static IntegrityCheckKind CheckBeforeWrite(SqliteConnection connection, string path, bool thorough, int largeHistory = LargeHistory)
    {
        var whole = thorough || !HasLargeHistory(connection, largeHistory);
        var problems = whole ? IntegrityProblems(connection) : QuickProblems(connection);
        if (problems.Count > 0)
        {
            throw VaultErrors.Damaged(path, "integrity_check: " + string.Join("; ", problems.Take(3)) + (problems.Count > 3 ? $"; {problems.Count - 3} more" : ""));
        }
        return whole ? IntegrityCheckKind.Whole : IntegrityCheckKind.Partial;
    }

    /// <summary>Plays from which checking the history's indexes costs more than quick_check of the whole file (~2.4 µs a play).</summary>
    internal const int LargeHistory = 50_000;

    // Counts at most `large` rows: a bounded read whatever the history's size.
    private static bool HasLargeHistory(SqliteConnection connection, int large)
    {
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM (SELECT 1 FROM plays LIMIT $large);";
        count.Parameters.AddWithValue("$large", large);
        return Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture) >= large;
    }

    private static List<string> QuickProblems(SqliteConnection connection)
    {
        var problems = Problems(connection, "PRAGMA quick_check;");
        foreach (var table in Tables(connection).Where(t => t != "plays"))
        {
            problems.AddRange(Problems(connection, $"PRAGMA integrity_check(\"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\");"));
        }
        return problems;
    }

    /// <summary>
    /// Repairs what can be repaired in place: when every problem integrity_check reports is in an index (missing or
    /// extra index entries, wrong entry counts), REINDEX rebuilds the indexes from the tables, which hold the data.
    /// Anything else (damaged table pages) cannot be rebuilt from the file: VaultDamaged, restore a backup.
    /// Returns the problems found before the repair (empty: nothing to do).
    /// </summary>
    public static IReadOnlyList<string> Repair(string path)
    {
        var fullPath = Path.GetFullPath(path);
        using var connection = VaultDatabase.Open(fullPath);
        var problems = IntegrityProblems(connection);
        if (problems.Count == 0)
        {
            return problems;
        }
        if (!problems.All(IsIndexProblem))
        {
            throw VaultErrors.Damaged(fullPath, "integrity_check: " + string.Join("; ", problems.Take(3)) + "; not only indexes are damaged, so REINDEX cannot repair it");
        }
        using (var reindex = connection.CreateCommand())
        {
            reindex.CommandText = "REINDEX;";
            reindex.ExecuteNonQuery();
        }
        var left = IntegrityProblems(connection);
        if (left.Count > 0)
        {
            throw VaultErrors.Damaged(fullPath, "still after REINDEX: " + string.Join("; ", left.Take(3)));
        }
        return problems;
    }

    private static bool IsIndexProblem(string problem) =>
        problem.Contains(" missing from index ", StringComparison.Ordinal)
        || problem.StartsWith("wrong # of entries in index ", StringComparison.Ordinal)
        || problem.Contains("non-unique entry in index ", StringComparison.Ordinal);

    private static List<string> IntegrityProblems(SqliteConnection connection) => Problems(connection, "PRAGMA integrity_check;");

    private static List<string> Problems(SqliteConnection connection, string pragma)
    {
        var problems = new List<string>();
        using var check = connection.CreateCommand();
        check.CommandText = pragma;
        using var reader = check.ExecuteReader();
        while (reader.Read())
        {
            var line = reader.GetString(0);
            if (line != "ok")
            {
                problems.Add(line);
            }
        }
        return problems;
    }

    /// <summary>Every user table, found in sqlite_master, so that tables added by later migrations are included.</summary>
    private static List<string> Tables(SqliteConnection connection)
    {
        var tables = new List<string>();
        using var list = connection.CreateCommand();
        list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name;";
        using var reader = list.ExecuteReader();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    private static string CountRows(SqliteConnection connection)
    {
        var parts = new List<string>();
        foreach (var table in Tables(connection))
        {
            var count = Convert.ToInt64(Scalar(connection, $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\";"),
                CultureInfo.InvariantCulture);
            parts.Add($"{table}={count.ToString(CultureInfo.InvariantCulture)}");
        }
        return string.Join(';', parts);
    }

    private static string ConnectionString(string path, bool readOnly) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString();

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
