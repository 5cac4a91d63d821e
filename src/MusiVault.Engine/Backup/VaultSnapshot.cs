using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Backup;

/// <summary>
/// A consistent copy of a vault that may be in use: SQLite's online backup API reads the source inside one read
/// transaction, so the copy is a committed state even while another connection is writing (WAL).
/// </summary>
internal static class VaultSnapshot
{
    public sealed record Facts(string VaultId, int SchemaVersion, string Counts, string Sha256, long SizeBytes);

    public static void Create(string vaultPath, string snapshotPath)
    {
        var fullPath = Path.GetFullPath(vaultPath);
        if (!File.Exists(fullPath))
        {
            throw new VaultNotFoundException(fullPath);
        }
        using var source = VaultDatabase.Open(fullPath);
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshotPath, Pooling = false }.ToString());
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

    /// <summary>Runs integrity_check and reads what a backup records about the database; the file is not changed.</summary>
    public static Facts Inspect(string databasePath, string errorId)
    {
        string vaultId;
        int schema;
        string counts;
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString()))
        {
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
                vaultId = Convert.ToString(Scalar(connection, "SELECT value FROM vault_meta WHERE key = 'vault_id';"), CultureInfo.InvariantCulture) ?? "";
                schema = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
                counts = CountRows(connection);
            }
            catch (SqliteException ex)
            {
                throw new MusiVaultException(errorId, ErrorKind.InvalidData, $"The database cannot be read: {ex.Message}", databasePath, ex);
            }
        }
        return new Facts(vaultId, schema, counts, Sha256Hex(databasePath), new FileInfo(databasePath).Length);
    }

    /// <summary>Every user table, found in sqlite_master, so that tables added by later migrations are counted too.</summary>
    internal static string CountRows(SqliteConnection connection)
    {
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name;";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var parts = new List<string>();
        foreach (var table in tables)
        {
            var count = Convert.ToInt64(Scalar(connection, $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"")}\";"), CultureInfo.InvariantCulture);
            parts.Add($"{table}={count.ToString(CultureInfo.InvariantCulture)}");
        }
        return string.Join(';', parts);
    }

    public static string Sha256Hex(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    public static string Md5Hex(string path)
    {
        using var stream = File.OpenRead(path);
#pragma warning disable CA5351 // Drive reports md5Checksum: this compares with it, it protects nothing.
        return Convert.ToHexString(MD5.HashData(stream)).ToLowerInvariant();
#pragma warning restore CA5351
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
