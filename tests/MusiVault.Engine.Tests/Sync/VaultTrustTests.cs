using Microsoft.Data.Sqlite;
using MusiVault.Engine.Backup;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Spotify.Json;
using MusiVault.Engine.Vault;
using MusiVault.FakeSpotify;
using MusiVault.TestSeed;
using Xunit.Abstractions;

namespace MusiVault.Engine.Tests.Sync;

/// <summary>Issue 12, items 4, 5, 7, 8, 11, 12: the lock, work folders, a damaged vault, bodies and Retry-After.</summary>
public sealed class VaultTrustTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_sync_through_a_symlink_takes_the_same_lock_as_one_on_the_real_path()
    {
        await using var h = await SyncHarness.StartAsync();
        var link = Path.Combine(h.Directory, "link.db");
        File.CreateSymbolicLink(link, h.VaultPath);
        var linkedFolder = Path.Combine(h.Directory, "linked-folder");
        Directory.CreateSymbolicLink(linkedFolder, h.Directory);
        Assert.Equal(VaultLock.RealPathOf(h.VaultPath), VaultLock.RealPathOf(link));
        Assert.Equal(VaultLock.RealPathOf(h.VaultPath), VaultLock.RealPathOf(Path.Combine(linkedFolder, "link.db")));

        using var holder = new HoldingObserver();
        var first = Task.Run(() => h.SyncAsync(observer: holder));
        await holder.LockTaken.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            var ex = await Assert.ThrowsAsync<MusiVaultException>(() => h.SyncAsync(vaultPath: link));
            Assert.Equal("VaultLocked", ex.ErrorId);
            ex = await Assert.ThrowsAsync<MusiVaultException>(() => h.SyncAsync(vaultPath: Path.Combine(linkedFolder, "vault.db")));
            Assert.Equal("VaultLocked", ex.ErrorId);
        }
        finally
        {
            holder.Release();
        }
        Assert.Equal("succeeded", (await first.WaitAsync(TimeSpan.FromSeconds(60))).Status);
    }

    [Fact]
    public async Task A_vault_with_missing_index_rows_is_refused_with_VaultDamaged_and_repaired_by_reindex()
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.Equal("succeeded", (await h.SyncAsync()).Status);
        var liked = LikedCount(h);
        var damage = VaultDamage.DropIndexEntries(h.VaultPath, rows: 7);
        Assert.Equal(7, damage.Count(line => line.Contains("missing from index liked_tracks_in_order", StringComparison.Ordinal)));
        using (var connection = new SqliteConnection($"Data Source={h.VaultPath};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            // Why the check before a sync is integrity_check: quick_check does not compare indexes with tables.
            output.WriteLine("quick_check after the damage: " + string.Join("; ", VaultDamage.IntegrityCheck(connection, "quick_check")));
        }
        var runsBefore = SyncRuns(h);

        // An ordinary sync checks this table in full too (only a large listening history is left to quick_check).
        var quick = await Assert.ThrowsAsync<MusiVaultException>(() => h.SyncAsync());
        Assert.Equal("VaultDamaged", quick.ErrorId);
        Assert.Contains("missing from index", quick.Message, StringComparison.Ordinal);
        using (var connection = new SqliteConnection($"Data Source={h.VaultPath};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            // The path for a large history (quick_check, then integrity_check of every table but plays) finds it too.
            Assert.True(VaultRead.Column<long>(connection, "SELECT count(*) FROM plays")[0] >= 1);
            var large = Assert.Throws<MusiVaultException>(() => VaultMaintenance.CheckBeforeWrite(connection, h.VaultPath, thorough: false, largeHistory: 1));
            Assert.Equal("VaultDamaged", large.ErrorId);
            Assert.Contains("missing from index", large.Message, StringComparison.Ordinal);
        }
        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => h.SyncAsync(full: true));
        Assert.Equal("VaultDamaged", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, ex.Category);
        Assert.Equal(h.VaultPath, ex.Target);
        Assert.Contains("Test-VaultIntegrity -Repair", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing from index", ex.Message, StringComparison.Ordinal);
        Assert.Equal(runsBefore, SyncRuns(h)); // refused before anything was written, even the run record

        var found = VaultIntegrityCheck.Repair(h.VaultPath);
        Assert.Equal(7, found.Count(line => line.Contains("missing from index", StringComparison.Ordinal)));
        Assert.True(VaultIntegrityCheck.Check(h.VaultPath).IsValid);
        Assert.Empty(VaultIntegrityCheck.Repair(h.VaultPath));
        Assert.Equal("succeeded", (await h.SyncAsync(full: true)).Status);
        Assert.Equal(liked, LikedCount(h));
    }

    private static long LikedCount(SyncHarness h)
    {
        using var db = h.OpenVault();
        return VaultRead.Column<long>(db, "SELECT count(*) FROM liked_tracks WHERE removed_at IS NULL")[0];
    }

    private static long SyncRuns(SyncHarness h)
    {
        using var db = h.OpenVault();
        return VaultRead.Column<long>(db, "SELECT count(*) FROM sync_runs")[0];
    }

    [Fact]
    public void Stale_work_folders_of_killed_runs_are_removed_and_live_ones_kept()
    {
        var parent = Directory.CreateTempSubdirectory("mv-work-").FullName;
        try
        {
            var stale = Path.Combine(parent, BackupWorkFolder.SiblingPrefix + "stale");
            Directory.CreateDirectory(stale);
            File.WriteAllText(Path.Combine(stale, BackupWorkFolder.MarkerName), "pid=1");
            File.WriteAllText(Path.Combine(stale, "vault.db"), "plaintext");
            var foreign = Path.Combine(parent, BackupWorkFolder.SiblingPrefix + "not-ours");
            Directory.CreateDirectory(foreign);

            using var live = BackupWorkFolder.Create(parent);
            Assert.False(Directory.Exists(stale));
            Assert.True(Directory.Exists(foreign));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(live.Path));
            }

            // A second run while the first is alive leaves the first's folder alone.
            using (var second = BackupWorkFolder.Create(parent))
            {
                Assert.True(Directory.Exists(live.Path));
            }
            live.Dispose();
            Assert.False(Directory.Exists(live.Path));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_tried_twice_then_SpotifyResponseInvalid()
    {
        await using var fake = await FakeSpotifyServer.StartAsync(new FakeSpotifyOptions { Seed = 3 });
        using var client = NewClient(fake, (d, ct) => Task.Delay(d, ct));
        fake.Faults.Malformed(MalformedBody.NotJson, count: int.MaxValue, route: "GET /v1/me/tracks");

        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => client.GetSavedTracksPageAsync(0));

        Assert.Equal("SpotifyResponseInvalid", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidResult, ex.Category);
        Assert.Equal(2, fake.Requests.Counts.GetValueOrDefault("GET /v1/me/tracks"));
    }

    [Fact]
    public async Task No_request_goes_out_before_Retry_After_has_passed()
    {
        await using var fake = await FakeSpotifyServer.StartAsync(new FakeSpotifyOptions { Seed = 5 });
        // Real waits: the precision of the real timer is what this checks.
        using var client = NewClient(fake, (d, ct) => Task.Delay(d, ct), maxConcurrency: 1);
        const int retryAfterMs = 60;
        fake.Faults.TooManyRequestsMs(count: 40, retryAfterMilliseconds: retryAfterMs, route: "GET /v1/me/tracks");

        for (var i = 0; i < 41; i++)
        {
            await client.GetSavedTracksPageAsync(0);
        }

        var log = fake.Requests.Snapshot().Where(r => r.Route == "GET /v1/me/tracks").OrderBy(r => r.Sequence).ToList();
        var early = 0;
        for (var i = 1; i < log.Count; i++)
        {
            if (log[i - 1].StatusCode == 429 && log[i].StartedAt < log[i - 1].CompletedAt + TimeSpan.FromMilliseconds(retryAfterMs))
            {
                early++;
                output.WriteLine($"request {log[i].Sequence} came {(log[i - 1].CompletedAt + TimeSpan.FromMilliseconds(retryAfterMs) - log[i].StartedAt).TotalMilliseconds:0.000} ms early");
            }
        }
        Assert.Equal(40, log.Count(r => r.StatusCode == 429));
        Assert.Equal(0, early);
    }

    [Fact]
    public async Task Huge_names_are_cut_and_counted_and_a_huge_entity_is_refused()
    {
        await using var fake = await FakeSpotifyServer.StartAsync(new FakeSpotifyOptions { Seed = 3 });
        using var client = NewClient(fake, (d, ct) => Task.CompletedTask);

        fake.Faults.HugeName(100_000, route: "GET /v1/me/tracks");
        var page = await client.GetSavedTracksPageAsync(0);
        Assert.Equal(SpotifyBounds.MaxTextChars, page.Items[0].Item!.Name.Length);
        Assert.Equal(1, client.GetStats().TruncatedFields);

        fake.Faults.HugeName(2_000_000, count: 2, route: "GET /v1/me/tracks");
        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => client.GetSavedTracksPageAsync(0));
        Assert.Equal("SpotifyResponseInvalid", ex.ErrorId);
    }

    private static SpotifyClient NewClient(FakeSpotifyServer fake, Func<TimeSpan, CancellationToken, Task> delay, int maxConcurrency = 4) =>
        new(new FixedAccessTokenSource(fake.IssueAccessToken()), new SpotifyClientOptions
        {
            ApiBaseUrl = new Uri(fake.ApiBaseUrl),
            AccountsBaseUrl = new Uri(fake.AccountsBaseUrl),
            MaxConcurrency = maxConcurrency,
            Jitter = () => 0.5,
            BaseBackoff = TimeSpan.FromMilliseconds(5),
            MaxRateLimitWaits = 100,
            Delay = delay,
        });
}
