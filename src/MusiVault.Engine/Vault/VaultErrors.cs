using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Vault;

/// <summary>
/// The one place where SQLite's and the file system's failures on a vault become errors a user can act on: a full
/// disk, a read-only file or folder, a damaged file. Writers wrap their work with <see cref="Translate"/>.
/// </summary>
internal static class VaultErrors
{
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteReadOnly = 8;
    private const int SqliteNotADatabase = 26;
    private const int ErrnoNoSpace = 28;
    private const int ErrnoReadOnlyFs = 30;

    /// <summary>
    /// The error to report for <paramref name="ex"/>, met while writing the vault at <paramref name="path"/>; null when
    /// it is not one of the vault's own conditions (the caller rethrows the original).
    /// </summary>
    public static MusiVaultException? Translate(Exception ex, string path)
    {
        switch (ex)
        {
            case MusiVaultException:
                return null;
            case SqliteException sqlite:
                return (sqlite.SqliteErrorCode & 0xFF) switch
                {
                    SqliteFull => DiskFull(path, ex),
                    SqliteReadOnly => ReadOnly(path, ex),
                    SqliteCantOpen => CannotOpen(path, ex),
                    SqliteCorrupt or SqliteNotADatabase => Damaged(path, sqlite.Message, ex),
                    _ => null,
                };
            case IOException io when (io.HResult & 0xFFFF) == ErrnoNoSpace || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase):
                return DiskFull(path, ex);
            case IOException io when (io.HResult & 0xFFFF) == ErrnoReadOnlyFs:
                return ReadOnly(path, ex);
            case UnauthorizedAccessException:
                return ReadOnly(path, ex);
            default:
                return null;
        }
    }

    public static MusiVaultException DiskFull(string path, Exception? inner = null) =>
        new("VaultDiskFull", ErrorKind.WriteError,
            $"The disk holding the vault '{path}' is full. The last unit of work was rolled back; what was stored before is intact. Free some space and run again.",
            path, inner);

    public static MusiVaultException ReadOnly(string path, Exception? inner = null) =>
        new("VaultReadOnly", ErrorKind.PermissionDenied,
            $"The vault '{path}' (or its folder) is read-only, so nothing can be written to it. Reading it works; to write, make the file and its folder writable (the folder must take the -wal and -shm files).",
            path, inner);

    public static MusiVaultException Damaged(string path, string detail, Exception? inner = null) =>
        new("VaultDamaged", ErrorKind.InvalidData,
            $"The vault '{path}' is damaged ({detail}). Nothing was written to it. If only its indexes are damaged, Test-VaultIntegrity -Repair rebuilds them; otherwise restore a backup (Restore-VaultFromDrive) or an earlier copy.",
            path, inner);

    private static MusiVaultException CannotOpen(string path, Exception inner)
    {
        var folder = Path.GetDirectoryName(path);
        return folder is not null && Directory.Exists(folder) && !IsWritable(folder)
            ? ReadOnly(path, inner)
            : new MusiVaultException("VaultOpenFailed", ErrorKind.OpenError, $"Cannot open the vault '{path}': {inner.Message}", path, inner);
    }

    private static bool IsWritable(string folder)
    {
        try
        {
            var probe = Path.Combine(folder, $".musivault-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
