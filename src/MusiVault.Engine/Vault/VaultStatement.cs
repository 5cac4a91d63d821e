using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MusiVault.Engine.Vault;

/// <summary>
/// A statement prepared once on the writer's connection and run through SQLite's own API: values bound by position,
/// no per-execution parameter lookup or reader object. For the few statements that run once per row of a bulk
/// import (a million plays); everything else uses <see cref="VaultWriter.Execute"/>. It runs inside whatever
/// transaction the writer has open, and is reset after every use so a commit never finds it active.
/// </summary>
internal sealed class VaultStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public VaultStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The vault connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Bind(int index, long? value) => Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    public void Bind(int index, string? value) => Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));

    public void Bind(int index, bool? value) => Bind(index, value is null ? null : value.Value ? 1L : 0L);

    /// <summary>Runs a statement that returns no rows; the number of rows it changed.</summary>
    public int Execute()
    {
        try
        {
            Check(raw.sqlite3_step(_statement), raw.SQLITE_DONE);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>The next row (read it with <see cref="Int64"/>); false at the end, and the statement is reset then.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }
        raw.sqlite3_reset(_statement);
        Check(rc, raw.SQLITE_DONE);
        return false;
    }

    /// <summary>Stops reading before the end.</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    private void Check(int rc, int expected = raw.SQLITE_OK)
    {
        if (rc != expected)
        {
            raw.sqlite3_reset(_statement);
            SqliteException.ThrowExceptionForRC(rc, _db);
            throw new SqliteException($"SQLite returned {rc}.", rc);
        }
    }

    public void Dispose() => _statement.Dispose();
}
