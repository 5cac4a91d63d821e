using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Backup;

/// <summary>Puts a restored, checked database at the vault's path: whole or not at all.</summary>
internal static class VaultInstaller
{
    /// <summary>The one place that decides whether a destination may be written; checked before any download.</summary>
    public static string CheckDestination(string destination, bool overwrite)
    {
        var full = Path.GetFullPath(destination);
        if (File.Exists(full) && !overwrite)
        {
            throw DestinationExists(full);
        }
        return full;
    }

    /// <summary>
    /// A new file is renamed into place (a rename that fails if a file appeared meanwhile). An existing vault is
    /// replaced through SQLite's backup API in one write transaction, so that readers see the old or the new vault,
    /// and its -wal and -shm never get paired with another file. Before an existing file is replaced, a copy of it is
    /// kept beside it; its path is returned (null when nothing was replaced).
    /// </summary>
    public static string? Install(string database, string destination, bool overwrite, DateTimeOffset now)
    {
        if (!File.Exists(destination))
        {
            try
            {
                File.Move(database, destination, overwrite: false);
                return null;
            }
            catch (IOException) when (File.Exists(destination))
            {
                // Created since the check: handled like any existing destination below.
            }
        }
        if (!overwrite)
        {
            throw DestinationExists(destination);
        }
        var previous = KeepCopy(destination, now);
        if (!VaultMaintenance.TryReplaceContent(database, destination))
        {
            // Not a database: nothing can be using it as one, a rename is safe.
            File.Move(database, destination, overwrite: true);
        }
        return previous;
    }

    /// <summary>
    /// &lt;vault&gt;.before-restore-&lt;UTC time&gt;: the file as it is, byte for byte (a damaged vault is often why one
    /// restores, so it is not opened as a database), with its -wal beside the copy so that SQLite applies it on open.
    /// </summary>
    private static string KeepCopy(string destination, DateTimeOffset now)
    {
        var copy = $"{destination}.before-restore-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";
        try
        {
            File.Copy(destination, copy, overwrite: false);
            if (File.Exists(destination + "-wal"))
            {
                File.Copy(destination + "-wal", copy + "-wal", overwrite: false);
            }
        }
        catch (IOException ex)
        {
            throw VaultErrors.Translate(ex, destination) ?? new MusiVaultException("RestoreKeepCopyFailed", ErrorKind.WriteError,
                $"Cannot keep a copy of '{destination}' at '{copy}' before replacing it: {ex.Message}. Nothing was restored.", destination, ex);
        }
        return copy;
    }

    private static MusiVaultException DestinationExists(string destination) =>
        new("RestoreDestinationExists", ErrorKind.ResourceUnavailable, $"'{destination}' exists. Use -Force to replace it.", destination);
}
