using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Vault;

/// <summary>
/// The vault's schema as an ordered list of migrations keyed on <c>PRAGMA user_version</c>. Migration N takes a
/// vault from version N-1 to N inside one transaction; a shipped migration is never edited, only appended to.
/// </summary>
public static class VaultSchema
{
    private static readonly string[] Migrations =
    [
        // 1: identity of the vault (backups carry it so a restore can tell vaults apart).
        """
        CREATE TABLE vault_meta (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) STRICT;
        INSERT INTO vault_meta (key, value) VALUES ('vault_id', lower(hex(randomblob(16))));
        INSERT INTO vault_meta (key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    public static int GetVersion(SqliteConnection connection, SqliteTransaction? transaction = null) =>
        Convert.ToInt32(VaultDatabase.Scalar(connection, "PRAGMA user_version;", transaction), System.Globalization.CultureInfo.InvariantCulture);

    public static void Migrate(SqliteConnection connection)
    {
        var version = GetVersion(connection);
        if (version > CurrentVersion)
        {
            throw new VaultSchemaTooNewException(connection.DataSource, version);
        }

        while (version < CurrentVersion)
        {
            // BEGIN IMMEDIATE: two processes opening a new vault at once must not both run migration 1.
            using var transaction = connection.BeginTransaction(deferred: false);
            var current = GetVersion(connection, transaction);
            if (current == version)
            {
                VaultDatabase.Execute(connection, Migrations[version], transaction);
                VaultDatabase.Execute(connection, $"PRAGMA user_version = {version + 1};", transaction);
            }
            transaction.Commit();
            version = GetVersion(connection);
        }
    }
}
