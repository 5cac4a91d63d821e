using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Vault;

/// <summary>
/// Opens a vault file: creates it when missing, switches it to WAL, turns foreign keys on and brings the schema
/// up to <see cref="VaultSchema.CurrentVersion"/>. Every connection to a vault goes through here.
/// </summary>
internal static class VaultDatabase
{
    /// <summary>How long a writer waits for another writer's transaction before SQLITE_BUSY.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public static SqliteConnection Open(string path, bool readOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!readOnly)
        {
            var directory = Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        else if (!File.Exists(fullPath))
        {
            throw new VaultNotFoundException(fullPath);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};");
            Execute(connection, "PRAGMA foreign_keys = ON;");
            if (!readOnly)
            {
                Execute(connection, "PRAGMA journal_mode = WAL;");
                // NORMAL is durable at each checkpoint and never corrupts in WAL mode; FULL would fsync every commit.
                Execute(connection, "PRAGMA synchronous = NORMAL;");
                // A larger page cache keeps the indexes of a big library in memory during a sync (pages, not rows).
                Execute(connection, "PRAGMA cache_size = -32768;");
                // Checkpoints (which fsync) every 16k pages instead of 1k: a sync writes in bursts, and WAL readers
                // are unaffected; the file shrinks back at the next checkpoint.
                Execute(connection, "PRAGMA wal_autocheckpoint = 16384;");
                VaultSchema.Migrate(connection);
            }
            else
            {
                var version = VaultSchema.GetVersion(connection);
                if (version > VaultSchema.CurrentVersion)
                {
                    throw new VaultSchemaTooNewException(fullPath, version);
                }
            }
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new MusiVaultException("VaultOpenFailed", ErrorKind.OpenError,
                $"Cannot open the vault '{fullPath}': {ex.Message}", fullPath, ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static string SqliteVersion(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Convert.ToString(Scalar(connection, "SELECT sqlite_version();"), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    internal static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }
}

internal sealed class VaultNotFoundException(string path)
    : MusiVaultException("VaultNotFound", ErrorKind.ObjectNotFound,
        $"No vault exists at '{path}'. Run Sync-SpotifyLibrary to create one.", path);

internal sealed class VaultSchemaTooNewException(string path, int version)
    : MusiVaultException("VaultSchemaTooNew", ErrorKind.InvalidData,
        $"The vault '{path}' has schema version {version}, newer than this MusiVault understands ({VaultSchema.CurrentVersion}). Update the MusiVault module.", path);
