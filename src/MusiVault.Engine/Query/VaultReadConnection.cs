using Microsoft.Data.Sqlite;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Query;

/// <summary>
/// Opens an existing vault for reading: read-only at the SQLite level, so a reader never creates the file, never
/// migrates it and never switches its journal mode (a vault in a read-only folder, or a 0444 file, reads fine).
/// Carries the SQL function <c>mv_like</c> (PowerShell -like semantics, see <see cref="VaultWildcard"/>) that every
/// name filter uses.
/// </summary>
internal static class VaultReadConnection
{
    public const string LikeFunction = "mv_like";

    /// <summary>
    /// The oldest schema the read side understands. It reads artist names only from <c>track_artists</c> and images
    /// only from <c>images</c>, which every schema since 2 has, so a vault a newer writer has not upgraded yet (or
    /// one upgraded past the columns that duplicated them) reads the same.
    /// </summary>
    public const int OldestReadableVersion = 2;

    /// <summary>
    /// The page cache of a read that looks rows up by key all over the file (a listing of a whole library in liked
    /// order: each row's track, album and artists): 32 MB, the writer's, against SQLite's default 2 MB. 100,000 liked
    /// songs: 4.0 s with the default, 2.5 s with this. Only for such reads: a scan (Measure-VaultPlay over a million
    /// plays) took twice as long with the larger cache, which SQLite fills page by page instead of reusing slots.
    /// </summary>
    public const int LookupCacheKiB = 32_768;

    /// <param name="cacheKiB">The page cache in KiB; null: SQLite's default (see <see cref="LookupCacheKiB"/>).</param>
    public static SqliteConnection Open(string path, int? cacheKiB = null)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new VaultNotFoundException(fullPath);
        }
        try
        {
            try
            {
                return OpenAs(fullPath, fullPath, cacheKiB);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteReadOnly or SqliteCantOpen && !File.Exists(fullPath + "-wal"))
            {
                // A WAL vault in a folder we cannot write (no -shm can be made there): with no -wal beside it, no
                // writer can be at work either, so the file holds everything and reading it as immutable is exact.
                return OpenAs(fullPath, new Uri(fullPath).AbsoluteUri + "?immutable=1", cacheKiB);
            }
        }
        catch (SqliteException ex)
        {
            throw new MusiVaultException("VaultOpenFailed", ErrorKind.OpenError,
                $"Cannot open the vault '{fullPath}': {ex.Message}", fullPath, ex);
        }
    }

    private const int SqliteReadOnly = 8;
    private const int SqliteCantOpen = 14;

    private static SqliteConnection OpenAs(string fullPath, string dataSource, int? cacheKiB)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = dataSource,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = (int)VaultDatabase.BusyTimeout.TotalSeconds,
        }.ToString());
        try
        {
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                // A reader of a rollback-journal vault may meet a writer's lock; WAL readers never wait.
                command.CommandText = $"PRAGMA busy_timeout = {(int)VaultDatabase.BusyTimeout.TotalMilliseconds};";
                command.ExecuteNonQuery();
                if (cacheKiB is { } kib)
                {
                    command.CommandText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{kib};");
                    command.ExecuteNonQuery();
                }
            }
            CheckVersion(connection, fullPath);
            RegisterLike(connection);
            RegisterLocalTime(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void CheckVersion(SqliteConnection connection, string fullPath)
    {
        var version = VaultSchema.GetVersion(connection);
        if (version > VaultSchema.CurrentVersion)
        {
            throw new VaultSchemaTooNewException(fullPath, version);
        }
        if (version < OldestReadableVersion)
        {
            throw new VaultSchemaOutdatedException(fullPath, version);
        }
    }

    /// <summary>
    /// mv_local(ms): a UTC Unix-ms time as seconds on the local clock (what strftime(..., 'unixepoch') then formats):
    /// Measure-VaultPlay's Year/Month/Day/Hour buckets follow the user's time zone including its daylight-saving
    /// changes, which one offset passed to SQL could not. The offset is cached per UTC quarter hour (zones change offset on such boundaries).
    /// </summary>
    public const string LocalTimeFunction = "mv_local";

    private static void RegisterLocalTime(SqliteConnection connection)
    {
        var zone = TimeZoneInfo.Local;
        var offsets = new Dictionary<long, long>();
        connection.CreateFunction<long, long>(LocalTimeFunction, ms =>
        {
            var seconds = Math.DivRem(ms, 1000L, out var rest) - (rest < 0 ? 1 : 0);
            var quarter = seconds / 900;
            if (!offsets.TryGetValue(quarter, out var offset))
            {
                offset = (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(quarter * 900, -62135596800L, 253402300799L))).TotalSeconds;
                offsets[quarter] = offset;
            }
            return seconds + offset;
        }, isDeterministic: true);
    }

    private static void RegisterLike(SqliteConnection connection)
    {
        // One parsed pattern per distinct pattern text for the life of the connection (one query): the function
        // runs once per row. Both arguments arrive as bytes with their length: read as text, SQLite hands over a
        // C string that ends at the first NUL, so "*`0*" would become "*" and "Name`0junk" would match "Name".
        var patterns = new Dictionary<string, VaultWildcard>(StringComparer.Ordinal);
        connection.CreateFunction<byte[]?, byte[]?, bool>(LikeFunction, (valueBytes, patternBytes) =>
        {
            if (patternBytes is null)
            {
                return false;
            }
            var pattern = System.Text.Encoding.UTF8.GetString(patternBytes);
            if (!patterns.TryGetValue(pattern, out var wildcard))
            {
                wildcard = VaultWildcard.Parse(pattern);
                patterns[pattern] = wildcard;
            }
            return wildcard.IsMatch(valueBytes is null ? null : System.Text.Encoding.UTF8.GetString(valueBytes));
        }, isDeterministic: true);
    }
}

/// <summary>A file with a schema too old to read (or no vault schema at all); readers never upgrade it themselves.</summary>
internal sealed class VaultSchemaOutdatedException(string path, int version)
    : MusiVaultException("VaultSchemaOutdated", ErrorKind.InvalidData,
        version == 0
            ? $"'{path}' is not a MusiVault vault (it has no vault schema). Point -Vault at a vault, or run Sync-SpotifyLibrary -Vault '{path}' to build one there."
            : $"The vault '{path}' has schema version {version}; reading needs at least {VaultReadConnection.OldestReadableVersion}. Run Sync-SpotifyLibrary, which upgrades the vault, then read it again.",
        path);
