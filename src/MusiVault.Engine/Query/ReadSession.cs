using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

/// <summary>
/// Runs one read of one vault: opens a read-only connection on the first MoveNext, builds each object as its row is
/// read, and closes the connection when the enumerator is disposed. Each entity family's SELECT names its columns;
/// its mapper looks their ordinals up once per query (see <see cref="Columns"/>).
/// </summary>
internal sealed class ReadSession(string vaultPath)
{
    public string VaultPath { get; } = Path.GetFullPath(vaultPath);

    /// <summary>Called once per row read from SQLite; lets tests observe streaming.</summary>
    public Action? RowRead { get; set; }

    /// <param name="bind">Given the open reader, returns the function that maps its current row.</param>
    /// <param name="cacheKiB">A larger page cache for a read that looks rows up all over the file (see VaultReadConnection).</param>
    public IEnumerable<T> Stream<T>(string sql, SqlFilter filter, Func<SqliteDataReader, Func<T>> bind, int? cacheKiB = null)
    {
        using var connection = VaultReadConnection.Open(VaultPath, cacheKiB);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        filter.Bind(command);
        using var reader = Guarded(command.ExecuteReader);
        var map = bind(reader);
        while (Guarded(reader.Read))
        {
            RowRead?.Invoke();
            yield return Guarded(map);
        }
    }

    /// <summary>A query that yields exactly one row.</summary>
    public T Single<T>(string sql, Func<SqliteDataReader, Func<T>> bind) => Stream(sql, new SqlFilter(), bind).First();

    // SQLite's exceptions never leave the engine: a locked, corrupt or vanished vault becomes a MusiVaultException.
    private T Guarded<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException ex)
        {
            throw new MusiVaultException("VaultReadFailed", ErrorKind.ReadError,
                $"Cannot read the vault '{VaultPath}': {ex.Message}", VaultPath, ex);
        }
    }
}

/// <summary>A row's columns read by the names the SELECT gave them; null-aware, in the vault's text conventions.</summary>
internal static class Columns
{
    public static string Text(this SqliteDataReader r, int ordinal) => r.GetString(ordinal);

    public static string? TextOrNull(this SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    public static bool Flag(this SqliteDataReader r, int ordinal) => !r.IsDBNull(ordinal) && r.GetInt64(ordinal) != 0;

    public static bool? FlagOrNull(this SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetInt64(ordinal) != 0;

    public static int? IntOrNull(this SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetInt32(ordinal);

    public static long? LongOrNull(this SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetInt64(ordinal);

    // The vault stores UTC; outputs carry it as a DateTimeOffset (offset 0) so that every output type has one time type.
    public static DateTimeOffset? DateOrNull(this SqliteDataReader r, int ordinal) =>
        VaultText.ToDate(r.TextOrNull(ordinal)) is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;

    public static DateTimeOffset Date(this SqliteDataReader r, int ordinal) => r.DateOrNull(ordinal) ?? default;

    public static VaultNameList Names(this SqliteDataReader r, int ordinal) => VaultText.ToNames(r.TextOrNull(ordinal));
}
