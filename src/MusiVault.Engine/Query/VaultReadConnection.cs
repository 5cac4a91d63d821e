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
