using MusiVault.Engine.Backup;

namespace MusiVault.Engine.Tests.Drive;

/// <summary>The appProperties a backup carries, without Drive: what is written is what is read back.</summary>
public sealed class BackupManifestTests
{
    [Fact]
    public void A_manifest_round_trips_through_app_properties_and_long_counts_are_split_under_Drive_s_limit()
    {
        var counts = string.Join(';', Enumerable.Range(0, 40).Select(i => $"table_number_{i}={i * 1000}"));
        var manifest = new BackupManifest(BackupManifest.CurrentFormat, "0f1e2d3c-vault", 7, new string('a', 64), true, 123_456_789, counts);

        var properties = manifest.ToAppProperties();

        Assert.All(properties, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p.Key + p.Value) <= 124, p.Key));
        Assert.True(properties.Keys.Count(k => k.StartsWith("mvCounts", StringComparison.Ordinal)) > 1);
        Assert.False(BackupManifest.IsVerifiedBackup(properties));
        Assert.Equal(manifest, BackupManifest.FromAppProperties(properties));

        properties[BackupManifest.VerifiedKey] = BackupManifest.VerifiedValue;
        Assert.True(BackupManifest.IsVerifiedBackup(properties));
    }

    [Fact]
    public void Missing_or_malformed_properties_read_as_empty_values()
    {
        var read = BackupManifest.FromAppProperties(new Dictionary<string, string?> { ["mvSchema"] = "x", ["mvEncrypted"] = "yes" });
        Assert.Equal(new BackupManifest(0, "", 0, "", false, 0, ""), read);
        Assert.Equal(read, BackupManifest.FromAppProperties(null));
    }

    [Fact]
    public void Retention_keeps_the_new_backup_and_the_newest_others_of_the_same_vault_only()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        VaultBackup B(string id, string vault, int minutes) => new() { Id = id, VaultId = vault, CreatedAt = t0.AddMinutes(minutes), Verified = true };
        var all = new[] { B("new", "v", 0), B("a", "v", 3), B("b", "v", 2), B("c", "v", 1), B("other", "w", -5) };

        Assert.Equal(["b", "c"], BackupRetention.SelectStale(all, "v", "new", 2).Select(b => b.Id));
        Assert.Equal(["a", "b", "c"], BackupRetention.SelectStale(all, "v", "new", 1).Select(b => b.Id));
        Assert.Empty(BackupRetention.SelectStale(all, "v", "new", 10));
    }
}
