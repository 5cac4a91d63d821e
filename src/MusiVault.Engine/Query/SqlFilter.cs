using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

/// <summary>A parameterised WHERE clause under construction. User text only ever travels as a parameter.</summary>
internal sealed class SqlFilter
{
    private readonly List<string> _conditions = [];
    private readonly List<KeyValuePair<string, object?>> _parameters = [];

    public IReadOnlyList<KeyValuePair<string, object?>> Parameters => _parameters;

    public string Where => _conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _conditions.Select(c => "(" + c + ")"));

    public string Parameter(object? value)
    {
        var name = "$p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add(new(name, value ?? DBNull.Value));
        return name;
    }

    public void Add(string condition) => _conditions.Add(condition);

    /// <summary>
    /// Only rows of a saved collection (liked, saved, followed), joined as <paramref name="alias"/>: those saved now,
    /// or also those removed since when <paramref name="includeRemoved"/>.
    /// </summary>
    public void InSavedCollection(string alias, string keyColumn, bool includeRemoved)
    {
        Add($"{alias}.{keyColumn} IS NOT NULL");
        if (!includeRemoved)
        {
            Add($"{alias}.removed_at IS NULL");
        }
    }

    /// <summary>column matches a PowerShell wildcard. The pattern is validated here so bad input fails before SQL runs.</summary>
    public void Like(string columnExpression, string? pattern)
    {
        if (pattern is null)
        {
            return;
        }
        Add(LikeExpression(columnExpression, pattern));
    }

    public string LikeExpression(string columnExpression, string pattern)
    {
        VaultWildcard.Parse(pattern);
        return $"{VaultReadConnection.LikeFunction}({columnExpression}, {Parameter(pattern)})";
    }

    public void AnyLike(string columnExpression, IReadOnlyList<string>? patterns)
    {
        if (patterns is null || patterns.Count == 0)
        {
            return;
        }
        Add(string.Join(" OR ", patterns.Select(p => LikeExpression(columnExpression, p))));
    }

    /// <summary>A list of values as one JSON-array parameter, for <c>json_each</c>.</summary>
    public string Json(IReadOnlyList<string> values) =>
        Parameter(System.Text.Json.JsonSerializer.Serialize(values, QueryJson.Default.IReadOnlyListString));

    /// <summary>Any of the given columns equals any of the values (ids, URIs), passed as one JSON parameter.</summary>
    public void In(IReadOnlyList<string>? values, params string[] columns)
    {
        if (values is null)
        {
            return;
        }
        var list = Parameter(System.Text.Json.JsonSerializer.Serialize(values, QueryJson.Default.IReadOnlyListString));
        Add(string.Join(" OR ", columns.Select(c => $"{c} IN (SELECT value FROM json_each({list}))")));
    }

    public void After(string column, DateTime? value, bool inclusive = false)
    {
        if (value is null)
        {
            return;
        }
        Add($"{column} IS NOT NULL AND julianday({column}) {(inclusive ? ">=" : ">")} julianday({Parameter(VaultText.FromDate(value.Value))})");
    }

    public void Before(string column, DateTime? value)
    {
        if (value is null)
        {
            return;
        }
        Add($"{column} IS NOT NULL AND julianday({column}) < julianday({Parameter(VaultText.FromDate(value.Value))})");
    }

    public string Limit(int? first) => first is { } n ? "LIMIT " + Parameter(n) : "";

    public void Bind(SqliteCommand command)
    {
        foreach (var (name, value) in _parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
