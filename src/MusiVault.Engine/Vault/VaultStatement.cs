using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MusiVault.Engine.Vault;

/// <summary>
/// A statement prepared once on the writer's connection and run through SQLite's own API: values bound by position,
/// no per-execution parameter lookup or reader object. The statements that run once per row of a bulk import (a
/// million plays) use it directly; <see cref="VaultWriter.Execute"/> runs every other write through it too, its
/// <c>$1</c>…<c>$n</c> mapped to positions once (<see cref="Execute(object?[])"/>): Microsoft.Data.Sqlite looks each
/// named parameter up again on every execution, which was ~13 % of a full sync's CPU. It runs inside whatever
/// transaction the writer has open, and is reset after every use so a commit never finds it active.
/// </summary>
internal sealed class VaultStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private int[]? _valueOfParameter;

    public VaultStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The vault connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement, out var tail));
        if (!string.IsNullOrWhiteSpace(tail))
        {
            _statement.Dispose();
            throw new ArgumentException("A statement is one SQL statement; this text holds more: " + tail.Trim(), nameof(sql));
        }
    }

    /// <summary>
    /// Runs a statement written with <c>$1</c>…<c>$n</c> for <paramref name="values"/>[0…n-1] (a value may be used
    /// twice, or out of order); the number of rows it changed.
    /// </summary>
    public int Execute(object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _valueOfParameter ??= MapParameters();
        for (var i = 0; i < _valueOfParameter.Length; i++)
        {
            var value = _valueOfParameter[i] < values.Length ? values[_valueOfParameter[i]]
                : throw new ArgumentException($"The statement uses ${_valueOfParameter[i] + 1} but {values.Length} value(s) were given.", nameof(values));
            Bind(i + 1, value);
        }
        return Execute();
    }

    // SQLite numbers named parameters in the order they first appear, so "$1, $2, $4, $3" binds $4 at position 3.
    private int[] MapParameters()
    {
        var count = raw.sqlite3_bind_parameter_count(_statement);
        var map = new int[count];
        for (var position = 1; position <= count; position++)
        {
            var name = raw.sqlite3_bind_parameter_name(_statement, position).utf8_to_string();
            map[position - 1] = name is ['$', .. var digits] && int.TryParse(digits, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 1
                ? number - 1
                : throw new ArgumentException($"Parameter '{name}' is not $1…$n.");
        }
        return map;
    }

    private void Bind(int index, object? value) => Check(value switch
    {
        null or DBNull => raw.sqlite3_bind_null(_statement, index),
        string text => raw.sqlite3_bind_text(_statement, index, text),
        long number => raw.sqlite3_bind_int64(_statement, index, number),
        int number => raw.sqlite3_bind_int64(_statement, index, number),
        bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
        double real => raw.sqlite3_bind_double(_statement, index, real),
        byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
        _ => throw new ArgumentException($"A value of type {value.GetType().Name} cannot be stored.", nameof(value)),
    });

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
