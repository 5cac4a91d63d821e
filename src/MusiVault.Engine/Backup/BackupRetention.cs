namespace MusiVault.Engine.Backup;

/// <summary>-Keep n: which older backups of the same vault go once a new one is verified.</summary>
internal static class BackupRetention
{
    /// <summary>How long an unverified upload may be a backup still in flight (another process or machine).</summary>
    public static readonly TimeSpan DefaultUnverifiedGrace = TimeSpan.FromHours(24);

    /// <summary>
    /// The verified backups of <paramref name="vaultId"/> other than <paramref name="newId"/> beyond the newest n-1:
    /// the new backup is one of the n kept, so it is never selected, and other vaults' backups are never touched.
    /// </summary>
    public static IReadOnlyList<VaultBackup> SelectStale(IEnumerable<VaultBackup> backups, string vaultId, string newId, int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        return backups
            .Where(b => b.Verified && b.VaultId == vaultId && b.Id != newId)
            .OrderByDescending(b => b.CreatedAt)
            .Skip(keep - 1)
            .ToList();
    }

    /// <summary>
    /// Uploads of <paramref name="vaultId"/> that never got the verified mark (a backup killed or failed between upload
    /// and verification) and were created more than <paramref name="grace"/> before <paramref name="newBackup"/>.
    /// Both times are Drive's createdTime, so a wrong local clock cannot make a backup still in flight look stale.
    /// Other vaults' uploads are never selected: they may belong to a backup running elsewhere right now.
    /// </summary>
    public static IReadOnlyList<VaultBackup> SelectAbandoned(IEnumerable<VaultBackup> backups, VaultBackup newBackup, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(newBackup);
        var cutoff = newBackup.CreatedAt - grace;
        return backups
            .Where(b => !b.Verified && b.VaultId == newBackup.VaultId && b.Id != newBackup.Id && b.CreatedAt < cutoff)
            .OrderBy(b => b.CreatedAt)
            .ToList();
    }
}
