using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Vault;

/// <summary>
/// The stores' one way to run SQL on a vault: prepared statements cached per SQL text (values re-bound, the hot path
/// of a sync) and one transaction at a time (<see cref="InTransaction(Action)"/>: the unit of crash safety). Used by
/// one thread at a time. Only the stores in this folder call <see cref="Execute"/>, <see cref="Scalar"/> and
/// <see cref="Query"/>; everything else calls the stores' typed methods.
/// </summary>
internal sealed class VaultWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VaultStatement> _statements = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    public VaultWriter(SqliteConnection connection, string now)
    {
        _connection = connection;
        Now = now;
    }

    /// <summary>The run's timestamp, written as first_seen_at/updated_at/observed_at.</summary>
    public string Now { get; }

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Timestamp(DateTimeOffset? value) => value is null ? null : Timestamp(value.Value);

    private void Begin()
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("A transaction is already open on this writer.");
        }
        _transaction = _connection.BeginTransaction(deferred: false);
    }

    private void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
    }

    public void Rollback()
    {
        try
        {
            _transaction?.Rollback();
        }
        catch (SqliteException)
        {
            // The connection may be closing; SQLite rolls back an open transaction by itself then.
        }
        _transaction?.Dispose();
        _transaction = null;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction: the unit of crash safety.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        Begin();
        try
        {
            var result = work();
            Commit();
            return result;
        }
        catch
        {
            Rollback();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a savepoint of the open transaction: when it throws, what it wrote is undone and
    /// the transaction goes on (a bulk import commits several files at once, each file all or nothing).
    /// </summary>
    public void InSavepoint(Action work)
    {
        var transaction = _transaction ?? throw new InvalidOperationException("A savepoint needs an open transaction.");
        const string Name = "unit";
        transaction.Save(Name);
        try
        {
            work();
        }
        catch
        {
            transaction.Rollback(Name);
            transaction.Release(Name);
            throw;
        }
        transaction.Release(Name);
    }

    public void InTransaction(Action work) => InTransaction(() =>
    {
        work();
        return 0;
    });

    /// <summary>A prepared command, created once per writer and re-bound to the current transaction.</summary>
    private SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        command.Transaction = _transaction;
        return command;
    }

    /// <summary>A statement for a per-row bulk path (see <see cref="VaultStatement"/>), prepared once per writer.</summary>
    public VaultStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new VaultStatement(_connection, sql);
            _statements[sql] = statement;
        }
        return statement;
    }

    /// <summary>Runs a statement that returns no rows (values for <c>$1</c>…<c>$n</c>); the number of rows it changed.</summary>
    public int Execute(string sql, params object?[] values) => Statement(sql).Execute(values);

    public object? Scalar(string sql, params object?[] values) => Bind(sql, values).ExecuteScalar();

    public SqliteDataReader Query(string sql, params object?[] values) => Bind(sql, values).ExecuteReader();

    private SqliteCommand Bind(string sql, object?[] values)
    {
        var command = Command(sql);
        // Parameters are created once per prepared command and only their values change: binding is the hot path.
        if (command.Parameters.Count != values.Length)
        {
            command.Parameters.Clear();
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$" + (i + 1).ToString(CultureInfo.InvariantCulture), values[i] ?? DBNull.Value));
            }
            return command;
        }
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return command;
    }

    public void Dispose()
    {
        Rollback();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }
        _statements.Clear();
    }
}
