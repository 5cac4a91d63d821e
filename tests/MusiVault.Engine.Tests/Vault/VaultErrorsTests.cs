using Microsoft.Data.Sqlite;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Tests.Vault;

/// <summary>
/// Issue 12 item 8: one mapping from SQLite's and the file system's failures to the vault's stable ids, used by sync,
/// import, the restore journal and Restore-VaultFromDrive (the tmpfs and read-only mount cases in Trust.Tests.ps1 run
/// each of them against a real full or read-only file system).
/// </summary>
public sealed class VaultErrorsTests
{
    [Theory]
    [InlineData(13, "VaultDiskFull", ErrorKind.WriteError)]
    [InlineData(13 | (1 << 8), "VaultDiskFull", ErrorKind.WriteError)]
    [InlineData(8, "VaultReadOnly", ErrorKind.PermissionDenied)]
    [InlineData(8 | (5 << 8), "VaultReadOnly", ErrorKind.PermissionDenied)]
    [InlineData(11, "VaultDamaged", ErrorKind.InvalidData)]
    [InlineData(26, "VaultDamaged", ErrorKind.InvalidData)]
    public void SQLite_codes_map_to_the_vault_ids(int code, string id, ErrorKind kind)
    {
        var error = VaultErrors.Translate(new SqliteException("sqlite says no", code), "/v/vault.db");
        Assert.NotNull(error);
        Assert.Equal(id, error.ErrorId);
        Assert.Equal(kind, error.Category);
        Assert.Equal("/v/vault.db", error.Target);
    }

    [Fact]
    public void A_full_disk_or_read_only_file_system_from_the_file_system_maps_too_and_other_errors_do_not()
    {
        Assert.Equal("VaultDiskFull", VaultErrors.Translate(new IOException("No space left on device : '/v/x'", 28), "/v/vault.db")!.ErrorId);
        Assert.Equal("VaultReadOnly", VaultErrors.Translate(new IOException("Read-only file system", 30), "/v/vault.db")!.ErrorId);
        Assert.Equal("VaultReadOnly", VaultErrors.Translate(new UnauthorizedAccessException("denied"), "/v/vault.db")!.ErrorId);
        Assert.Null(VaultErrors.Translate(new IOException("Connection reset by peer", 104), "/v/vault.db"));
        Assert.Null(VaultErrors.Translate(new SqliteException("constraint failed", 19), "/v/vault.db"));
        Assert.Null(VaultErrors.Translate(new MusiVaultException("X", ErrorKind.WriteError, "already ours"), "/v/vault.db"));
    }
}
