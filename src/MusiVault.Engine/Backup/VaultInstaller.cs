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
    /// and its -wal and -shm never get paired with another file.
    /// </summary>
    public static void Install(string database, string destination, bool overwrite)
    {
        if (!File.Exists(destination))
        {
            try
            {
                File.Move(database, destination, overwrite: false);
                return;
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
        if (!VaultMaintenance.TryReplaceContent(database, destination))
        {
            // Not a database: nothing can be using it as one, a rename is safe.
            File.Move(database, destination, overwrite: true);
        }
    }

    private static MusiVaultException DestinationExists(string destination) =>
        new("RestoreDestinationExists", ErrorKind.ResourceUnavailable, $"'{destination}' exists. Use -Force to replace it.", destination);
}
