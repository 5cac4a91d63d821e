using Microsoft.Data.Sqlite;
using MusiVault.Engine.Backup;
using MusiVault.Engine.Drive;
using MusiVault.Engine.Vault;
using MusiVault.FakeDrive;

namespace MusiVault.Engine.Tests.Drive;

/// <summary>A fake Drive on 127.0.0.1, a private MusiVault home connected to it, and helpers to make test vaults.</summary>
internal sealed class DriveTestContext : IAsyncDisposable
{
    private DriveTestContext(FakeDriveServer server, string dir)
    {
        Server = server;
        Dir = dir;
    }

    public FakeDriveServer Server { get; }
    public string Dir { get; }
    public string Home => Path.Combine(Dir, "home");
    public GoogleEndpoints Endpoints => new(Server.AuthorizationUrl, Server.TokenUrl, Server.BaseUri);

    public static async Task<DriveTestContext> StartAsync(bool appDataFolder = false)
    {
        var server = await FakeDriveServer.StartAsync();
        var context = new DriveTestContext(server, Directory.CreateTempSubdirectory("mv-drive-").FullName);
        await GoogleDriveConnector.ConnectAsync(new GoogleConnectOptions
        {
            Home = context.Home,
            Endpoints = context.Endpoints,
            ClientId = server.ClientId,
            RefreshToken = server.IssueRefreshToken(),
            AppDataFolder = appDataFolder,
        }, _ => throw new InvalidOperationException("no browser in tests"), CancellationToken.None);
        return context;
    }

    public DriveBackupService Service(string folder = "MusiVault", int pageSize = 2) => DriveBackupService.Open(new DriveBackupOptions
    {
        Home = Home,
        Endpoints = Endpoints,
        Folder = folder,
        UploadChunkSize = 256 * 1024,
        DownloadChunkSize = 256 * 1024,
        ListPageSize = pageSize,
        TempDirectory = Dir,
    });

    /// <summary>A vault with a test table of incompressible rows, so that a backup spans several 256 KiB chunks.</summary>
    public string CreateVault(string name = "vault.db", int rows = 40, int blobBytes = 20_000)
    {
        var path = Path.Combine(Dir, name);
        using var connection = VaultDatabase.Open(path);
        Execute(connection, "CREATE TABLE test_items (id INTEGER PRIMARY KEY, label TEXT NOT NULL, payload BLOB NOT NULL);");
        Execute(connection, "CREATE TABLE test_batches (batch INTEGER PRIMARY KEY, rows INTEGER NOT NULL);");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO test_items (label, payload) VALUES ($label, $payload);";
        var label = insert.Parameters.Add("$label", SqliteType.Text);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        for (var i = 0; i < rows; i++)
        {
            label.Value = $"item {i} — ünïcødé";
            payload.Value = System.Security.Cryptography.RandomNumberGenerator.GetBytes(blobBytes);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return path;
    }

    /// <summary>Every row of every table, as text, in a stable order: equal dumps mean byte-identical rows.</summary>
    public static List<string> Dump(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var rows = new List<string>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1;";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL"
                    : reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                rows.Add(table + "|" + string.Join("|", values));
            }
        }
        return rows;
    }

    public static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
