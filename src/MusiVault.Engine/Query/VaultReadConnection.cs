using Microsoft.Data.Sqlite;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Query;

/// <summary>
/// A connection for reading an existing vault: never creates one, and carries the SQL function <c>mv_like</c>
/// (PowerShell -like semantics, see <see cref="VaultWildcard"/>) that every name filter uses.
/// </summary>
internal static class VaultReadConnection
{
    public const string LikeFunction = "mv_like";

    public static SqliteConnection Open(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new VaultNotFoundException(fullPath);
        }
        var connection = VaultDatabase.Open(fullPath);
        // One parsed pattern per distinct pattern text for the life of the connection (one query): the function
        // runs once per row.
        var patterns = new Dictionary<string, VaultWildcard>(StringComparer.Ordinal);
        connection.CreateFunction<string?, string?, bool>(LikeFunction, (value, pattern) =>
        {
            if (pattern is null)
            {
                return false;
            }
            if (!patterns.TryGetValue(pattern, out var wildcard))
            {
                wildcard = VaultWildcard.Parse(pattern);
                patterns[pattern] = wildcard;
            }
            return wildcard.IsMatch(value);
        }, isDeterministic: true);
        return connection;
    }
}

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

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class QueryJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>How the vault writes dates and lists as text, and how we read them back.</summary>
internal static class VaultText
{
    public static string FromDate(DateTime value)
    {
        // A DateTime from PowerShell without a kind is the user's local time, as everywhere in PowerShell.
        var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static DateTime? ToDate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>A JSON array of names; anything else (null, malformed, non-strings) degrades gracefully.</summary>
    public static VaultNameList ToNames(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return VaultNameList.None;
        }
        try
        {
            var element = System.Text.Json.JsonSerializer.Deserialize(json, QueryJson.Default.JsonElement);
            if (element.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                return new VaultNameList([json]);
            }
            var names = new List<string>();
            foreach (var item in element.EnumerateArray())
            {
                names.Add(item.ValueKind == System.Text.Json.JsonValueKind.String ? item.GetString()! : item.GetRawText());
            }
            return new VaultNameList(names);
        }
        catch (System.Text.Json.JsonException)
        {
            return new VaultNameList([json]);
        }
    }
}
