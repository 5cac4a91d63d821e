using MusiVault.Engine.Configuration;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Tests;

public sealed class VaultDatabaseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mv-db-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Open_creates_a_wal_vault_at_the_current_schema_version()
    {
        var path = Path.Combine(_dir, "nested", "vault.db");
        using (var connection = VaultDatabase.Open(path))
        {
            Assert.Equal("wal", VaultDatabase.Scalar(connection, "PRAGMA journal_mode;"));
            Assert.Equal(1L, VaultDatabase.Scalar(connection, "PRAGMA foreign_keys;"));
            Assert.Equal(VaultSchema.CurrentVersion, VaultSchema.GetVersion(connection));
        }

        var info = new MusiVault.Engine.Query.VaultQueries(path).Info();
        Assert.Equal(path, info.Path);
        Assert.Equal(VaultSchema.CurrentVersion, info.SchemaVersion);
        Assert.Matches(@"^3\.\d+\.\d+$", info.SqliteVersion);
        Assert.True(info.SizeBytes > 0);
    }

    [Fact]
    public void Reopening_keeps_the_vault_identity()
    {
        var path = Path.Combine(_dir, "vault.db");
        string first;
        using (var connection = VaultDatabase.Open(path))
        {
            first = (string)VaultDatabase.Scalar(connection, "SELECT value FROM vault_meta WHERE key = 'vault_id';")!;
        }
        using (var connection = VaultDatabase.Open(path))
        {
            Assert.Equal(first, VaultDatabase.Scalar(connection, "SELECT value FROM vault_meta WHERE key = 'vault_id';"));
        }
        Assert.Matches("^[0-9a-f]{32}$", first);
    }

    [Fact]
    public void A_vault_from_a_newer_module_is_refused_not_downgraded()
    {
        var path = Path.Combine(_dir, "future.db");
        using (var connection = VaultDatabase.Open(path))
        {
            VaultDatabase.Execute(connection, $"PRAGMA user_version = {VaultSchema.CurrentVersion + 5};");
        }
        var ex = Assert.Throws<VaultSchemaTooNewException>(() => VaultDatabase.Open(path));
        Assert.Equal("VaultSchemaTooNew", ex.ErrorId);
    }

    [Theory]
    [InlineData(nameof(OperatingSystemKind.Linux), null, null, "/home/ann", "/home/ann/.local/share/musivault")]
    [InlineData(nameof(OperatingSystemKind.Linux), null, "/xdg", "/home/ann", "/xdg/musivault")]
    [InlineData(nameof(OperatingSystemKind.Linux), null, "relative/xdg", "/home/ann", "/home/ann/.local/share/musivault")]
    [InlineData(nameof(OperatingSystemKind.MacOS), null, null, "/Users/ann", "/Users/ann/Library/Application Support/MusiVault")]
    [InlineData(nameof(OperatingSystemKind.Linux), "/custom/home", "/xdg", "/home/ann", "/custom/home")]
    public void Home_follows_the_documented_order(string os, string? home, string? xdg, string userHome, string expected)
    {
        var variables = new Dictionary<string, string?>
        {
            ["MUSIVAULT_HOME"] = home,
            ["XDG_DATA_HOME"] = xdg,
            ["HOME"] = userHome,
        };
        Assert.Equal(expected, MusiVaultPaths.ResolveHome(name => variables.GetValueOrDefault(name), Enum.Parse<OperatingSystemKind>(os)));
    }

    [Fact]
    public void MUSIVAULT_VAULT_overrides_the_default_vault()
    {
        var variables = new Dictionary<string, string?> { ["MUSIVAULT_HOME"] = "/h", ["MUSIVAULT_VAULT"] = "/elsewhere/v.db" };
        Assert.Equal("/elsewhere/v.db", MusiVaultPaths.ResolveDefaultVault(name => variables.GetValueOrDefault(name), OperatingSystemKind.Linux));
        variables.Remove("MUSIVAULT_VAULT");
        Assert.Equal(Path.Combine("/h", "vault.db"), MusiVaultPaths.ResolveDefaultVault(name => variables.GetValueOrDefault(name), OperatingSystemKind.Linux));
    }
}
