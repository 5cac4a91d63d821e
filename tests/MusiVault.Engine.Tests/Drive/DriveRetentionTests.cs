using MusiVault.Engine.Backup;

namespace MusiVault.Engine.Tests.Drive;

/// <summary>Issue 12 item 6: uploads a killed backup left without the verified mark.</summary>
public sealed class DriveRetentionTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public async Task Keep_removes_stale_unverified_uploads_of_this_vault_only_and_IncludeUnverified_lists_them()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        var vault = ctx.CreateVault("a.db", rows: 2, blobBytes: 100);
        var other = ctx.CreateVault("b.db", rows: 2, blobBytes: 100);
        using var service = ctx.Service(pageSize: 2);
        var stale = await service.BackupAsync(vault, null, null, null, CancellationToken.None);
        var recent = await service.BackupAsync(vault, null, null, null, CancellationToken.None);
        var good = await service.BackupAsync(vault, null, null, null, CancellationToken.None);
        var otherVaults = await service.BackupAsync(other, null, null, null, CancellationToken.None);
        Assert.NotEqual(good.VaultId, otherVaults.VaultId);
        Assert.True(good.Verified);
        // What a backup killed between upload and verification leaves, at Drive's createdTime.
        ctx.Server.Unverify(stale.Id, Day + TimeSpan.FromHours(1));
        ctx.Server.Unverify(recent.Id, TimeSpan.FromHours(1));
        ctx.Server.Unverify(otherVaults.Id, 2 * Day);

        Assert.Equal([good.Id], (await DriveBackupTests.ListAsync(service)).Select(b => b.Id));
        var listed = await DriveBackupTests.ListAsync(service, includeUnverified: true);
        Assert.Equal(
            new[] { (good.Id, true), (recent.Id, false), (stale.Id, false), (otherVaults.Id, false) }.OrderBy(x => x.Item1),
            listed.Select(b => (b.Id, b.Verified)).OrderBy(x => x.Item1));
        Assert.Equal(stale.Sha256, listed.Single(b => b.Id == stale.Id).Sha256);
        var refused = await Assert.ThrowsAsync<MusiVaultException>(() => service.FindAsync(stale.Id, CancellationToken.None));
        Assert.Equal("BackupNotVerified", refused.ErrorId);

        // Without -Keep nothing is deleted, orphans included.
        var plain = await service.BackupAsync(vault, null, null, null, CancellationToken.None);
        Assert.Empty(ctx.Server.Deleted);

        var kept = await service.BackupAsync(vault, null, 5, null, CancellationToken.None);
        Assert.Equal([stale.Id], ctx.Server.Deleted);
        Assert.Equal(
            new[] { kept.Id, plain.Id, good.Id, recent.Id, otherVaults.Id }.Order(),
            (await DriveBackupTests.ListAsync(service, includeUnverified: true)).Select(b => b.Id).Order());
    }

    [Fact]
    public void An_unverified_upload_is_abandoned_only_past_the_grace_period_and_only_for_the_same_vault()
    {
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        VaultBackup B(string id, string vault, TimeSpan age, bool verified = false) =>
            new() { Id = id, VaultId = vault, CreatedAt = now - age, Verified = verified };
        var newBackup = B("new", "v", TimeSpan.Zero, verified: true);
        var all = new[]
        {
            newBackup,
            B("at-cutoff", "v", Day),
            B("past-cutoff", "v", Day + TimeSpan.FromSeconds(1)),
            B("old-verified", "v", 10 * Day, verified: true),
            B("other-vault", "w", 10 * Day),
            B("older", "v", 3 * Day),
        };

        Assert.Equal(["older", "past-cutoff"], BackupRetention.SelectAbandoned(all, newBackup, Day).Select(b => b.Id));
        Assert.Empty(BackupRetention.SelectAbandoned(all, newBackup, 30 * Day));
        // -Keep's count never includes unverified uploads.
        Assert.Equal(["old-verified"], BackupRetention.SelectStale(all, "v", "new", 1).Select(b => b.Id));
    }
}
