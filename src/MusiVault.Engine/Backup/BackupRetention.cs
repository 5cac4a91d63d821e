namespace MusiVault.Engine.Backup;

/// <summary>-Keep n: which older backups of the same vault go once a new one is verified.</summary>
internal static class BackupRetention
{
    /// <summary>
    /// The backups of <paramref name="vaultId"/> other than <paramref name="newId"/> beyond the newest n-1: the new
    /// backup is one of the n kept, so it is never selected, and other vaults' backups are never touched.
    /// </summary>
    public static IReadOnlyList<VaultBackup> SelectStale(IEnumerable<VaultBackup> backups, string vaultId, string newId, int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        return backups
            .Where(b => b.VaultId == vaultId && b.Id != newId)
            .OrderByDescending(b => b.CreatedAt)
            .Skip(keep - 1)
            .ToList();
    }
}
