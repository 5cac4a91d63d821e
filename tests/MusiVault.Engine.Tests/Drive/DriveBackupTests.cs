using Microsoft.Data.Sqlite;
using MusiVault.Engine.Backup;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Tests.Drive;

public sealed class DriveBackupTests
{
    private static readonly char[] Passphrase = "correct horse battery staple".ToCharArray();

    [Fact]
    public async Task A_plain_backup_restores_byte_identical_rows()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        var vault = ctx.CreateVault();
        using var service = ctx.Service();

        var backup = await service.BackupAsync(vault, null, null, null, CancellationToken.None);

        Assert.False(backup.Encrypted);
        Assert.EndsWith(".db.gz", backup.Name);
        Assert.Matches("^[0-9a-f]{64}$", backup.Sha256);
        Assert.Contains("test_items=40", backup.Counts.Split(';'));
        Assert.Contains("vault_meta=2", backup.Counts.Split(';'));
        Assert.Equal(VaultSchema.CurrentVersion, backup.SchemaVersion);
        Assert.True(ctx.Server.ChunkSizes.Count > 1, "the upload should span several 256 KiB chunks");
        Assert.True(ctx.Server.GzipBodies > 0, "Google.Apis sends gzip-encoded JSON bodies");
        var stored = Assert.Single(ctx.Server.Files, f => f.Id == backup.Id);
        Assert.Equal(backup.SizeBytes, stored.Content!.Length);
        Assert.Equal((byte)0x1f, stored.Content[0]);

        var destination = Path.Combine(ctx.Dir, "restored", "vault.db");
        var found = await service.FindAsync(null, CancellationToken.None);
        Assert.Equal(backup.Id, found.Id);
        var result = await service.RestoreAsync(found, destination, overwrite: false, null, null, CancellationToken.None);

        Assert.Equal(backup.Sha256, result.Sha256);
        Assert.Equal("ok", DriveTestContext.IntegrityCheck(destination));
        Assert.Equal(DriveTestContext.Dump(vault), DriveTestContext.Dump(destination));
        Assert.Equal(new[] { "vault.db" }, Directory.GetFileSystemEntries(Path.GetDirectoryName(destination)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_encrypted_backup_round_trips_and_is_not_readable_as_gzip()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        var vault = ctx.CreateVault(rows: 10);
        using var service = ctx.Service();

        var backup = await service.BackupAsync(vault, Passphrase, null, null, CancellationToken.None);

        Assert.True(backup.Encrypted);
        Assert.EndsWith(".db.gz.mvbk", backup.Name);
        var stored = Assert.Single(ctx.Server.Files, f => f.Id == backup.Id);
        Assert.Equal("MVBK"u8.ToArray(), stored.Content![..4]);

        var destination = Path.Combine(ctx.Dir, "restored.db");
        await service.RestoreAsync(backup, destination, false, Passphrase, null, CancellationToken.None);
        Assert.Equal(DriveTestContext.Dump(vault), DriveTestContext.Dump(destination));
    }

    [Fact]
    public async Task A_connection_dropped_mid_chunk_resumes_in_the_same_call()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        var vault = ctx.CreateVault();
        using var service = ctx.Service();
        ctx.Server.DropNextChunkAfterBytes = 100_000;

        var backup = await service.BackupAsync(vault, null, null, null, CancellationToken.None);

        Assert.Equal(1, ctx.Server.DroppedConnections);
        Assert.True(ctx.Server.StatusQueries >= 1, "the client must ask the session where to resume (bytes */total)");
        Assert.Equal(1, ctx.Server.UploadSessionsStarted);
        var destination = Path.Combine(ctx.Dir, "restored.db");
        await service.RestoreAsync(backup, destination, false, null, null, CancellationToken.None);
        Assert.Equal(DriveTestContext.Dump(vault), DriveTestContext.Dump(destination));
    }

    [Fact]
    public async Task A_server_error_on_a_chunk_is_resumed_too()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        var vault = ctx.CreateVault();
        using var service = ctx.Service();
        ctx.Server.FailNextChunks = 1;

        var backup = await service.BackupAsync(vault, null, null, null, CancellationToken.None);

        Assert.Equal(1, ctx.Server.ServerErrors);
        Assert.True(ctx.Server.StatusQueries >= 1);
        Assert.Single(await ListAsync(service), b => b.Id == backup.Id);
    }

    [Fact]
    public async Task An_upload_that_cannot_be_resumed_fails_cleanly_and_leaves_nothing()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        var vault = ctx.CreateVault(rows: 20);
        using var service = ctx.Service();
        ctx.Server.UploadOutage = true;

        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => service.BackupAsync(vault, null, null, null, CancellationToken.None));

        Assert.Equal("BackupUploadFailed", ex.ErrorId);
        Assert.True(ctx.Server.ServerErrors > 1, "the client should have retried before giving up");
        Assert.DoesNotContain(ctx.Server.Files, f => f.Content is not null);
        Assert.Empty(await ListAsync(service));
        Assert.Empty(Directory.GetDirectories(ctx.Dir, ".musivault-work-*"));
    }

    [Fact]
    public async Task A_wrong_md5_is_an_error_and_the_upload_is_deleted_and_never_listed()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        var vault = ctx.CreateVault(rows: 5);
        using var service = ctx.Service();
        ctx.Server.WrongMd5ForNextUpload = true;

        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => service.BackupAsync(vault, null, null, null, CancellationToken.None));

        Assert.Equal("BackupChecksumMismatch", ex.ErrorId);
        Assert.Single(ctx.Server.Deleted);
        Assert.DoesNotContain(ctx.Server.Files, f => f.Content is not null);
        Assert.Empty(await ListAsync(service));
        await Assert.ThrowsAsync<MusiVaultException>(() => service.FindAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Keep_leaves_exactly_n_backups_and_never_deletes_the_new_one()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        var vault = ctx.CreateVault(rows: 2, blobBytes: 100);
        using var service = ctx.Service(pageSize: 2);
        var made = new List<VaultBackup>();
        for (var i = 0; i < 4; i++)
        {
            made.Add(await service.BackupAsync(vault, null, null, null, CancellationToken.None));
        }
        Assert.Equal(made.Select(b => b.Id).Reverse(), (await ListAsync(service)).Select(b => b.Id));

        var newest = await service.BackupAsync(vault, null, 2, null, CancellationToken.None);
        Assert.Equal(new[] { newest.Id, made[3].Id }, (await ListAsync(service)).Select(b => b.Id));

        var only = await service.BackupAsync(vault, null, 1, null, CancellationToken.None);
        Assert.Equal(new[] { only.Id }, (await ListAsync(service)).Select(b => b.Id));
        Assert.Equal(5, ctx.Server.Deleted.Count);
    }

    [Fact]
    public async Task A_wrong_passphrase_fails_cleanly_and_leaves_nothing_at_the_destination()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        var vault = ctx.CreateVault(rows: 3);
        using var service = ctx.Service();
        var backup = await service.BackupAsync(vault, Passphrase, null, null, CancellationToken.None);
        var target = Directory.CreateDirectory(Path.Combine(ctx.Dir, "target")).FullName;
        var destination = Path.Combine(target, "vault.db");

        var wrong = await Assert.ThrowsAsync<MusiVaultException>(() =>
            service.RestoreAsync(backup, destination, false, "not the passphrase".ToCharArray(), null, CancellationToken.None));
        Assert.Equal("BackupPassphraseWrong", wrong.ErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(target));

        var missing = await Assert.ThrowsAsync<MusiVaultException>(() =>
            service.RestoreAsync(backup, destination, false, null, null, CancellationToken.None));
        Assert.Equal("BackupPassphraseRequired", missing.ErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public async Task A_corrupt_download_fails_cleanly_and_leaves_nothing_at_the_destination()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        var vault = ctx.CreateVault(rows: 3);
        using var service = ctx.Service();
        var backup = await service.BackupAsync(vault, null, null, null, CancellationToken.None);
        ctx.Server.CorruptContent(backup.Id);
        var target = Directory.CreateDirectory(Path.Combine(ctx.Dir, "target")).FullName;

        var ex = await Assert.ThrowsAsync<MusiVaultException>(() =>
            service.RestoreAsync(backup, Path.Combine(target, "vault.db"), false, null, null, CancellationToken.None));

        Assert.Equal("BackupDownloadCorrupt", ex.ErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public async Task Restore_refuses_an_existing_destination_unless_told_to_replace_it()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        var vault = ctx.CreateVault(rows: 3, blobBytes: 500);
        using var service = ctx.Service();
        var backup = await service.BackupAsync(vault, null, null, null, CancellationToken.None);
        var other = ctx.CreateVault("other.db", rows: 7, blobBytes: 10);
        var before = DriveTestContext.Dump(other);

        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => service.RestoreAsync(backup, other, false, null, null, CancellationToken.None));
        Assert.Equal("RestoreDestinationExists", ex.ErrorId);
        Assert.Equal(before, DriveTestContext.Dump(other));

        await service.RestoreAsync(backup, other, true, null, null, CancellationToken.None);
        Assert.Equal(DriveTestContext.Dump(vault), DriveTestContext.Dump(other));
        using var reopened = VaultDatabase.Open(other);
        Assert.Equal("ok", VaultDatabase.Scalar(reopened, "PRAGMA integrity_check;"));
    }

    [Fact]
    public async Task A_backup_taken_while_another_connection_writes_is_a_committed_state()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        var vault = ctx.CreateVault(rows: 1, blobBytes: 10);
        using var service = ctx.Service();
        const int BatchSize = 50;
        var committed = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            using var connection = VaultDatabase.Open(vault);
            for (var batch = 1; !stop.IsCancellationRequested; batch++)
            {
                using var transaction = connection.BeginTransaction();
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO test_items (label, payload) VALUES ($label, randomblob(200));";
                var label = insert.Parameters.Add("$label", SqliteType.Text);
                for (var i = 0; i < BatchSize; i++)
                {
                    label.Value = $"batch {batch} row {i}";
                    insert.ExecuteNonQuery();
                }
                using var mark = connection.CreateCommand();
                mark.Transaction = transaction;
                mark.CommandText = $"INSERT INTO test_batches (batch, rows) VALUES ({batch}, {BatchSize});";
                mark.ExecuteNonQuery();
                transaction.Commit();
                Interlocked.Increment(ref committed);
            }
        });
        SpinWait.SpinUntil(() => Volatile.Read(ref committed) >= 3 || writer.IsCompleted);
        var atStart = Volatile.Read(ref committed);

        var backup = await service.BackupAsync(vault, null, null, null, CancellationToken.None);
        var atEnd = Volatile.Read(ref committed);
        stop.Cancel();
        await writer;

        var destination = Path.Combine(ctx.Dir, "restored.db");
        await service.RestoreAsync(backup, destination, false, null, null, CancellationToken.None);
        Assert.Equal("ok", DriveTestContext.IntegrityCheck(destination));
        using var restored = new SqliteConnection($"Data Source={destination};Mode=ReadOnly;Pooling=False");
        restored.Open();
        var batches = Convert.ToInt32(VaultDatabase.Scalar(restored, "SELECT count(*) FROM test_batches;"), System.Globalization.CultureInfo.InvariantCulture);
        var items = Convert.ToInt32(VaultDatabase.Scalar(restored, "SELECT count(*) FROM test_items;"), System.Globalization.CultureInfo.InvariantCulture);
        // Every committed batch is whole: no half transaction, and the snapshot lies between the writer's states.
        Assert.Equal(1 + batches * BatchSize, items);
        Assert.InRange(batches, atStart, atEnd);
        Assert.Contains($"test_items={items}", backup.Counts.Split(';'));
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_and_the_call_goes_through()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        var vault = ctx.CreateVault(rows: 1, blobBytes: 10);
        using var service = ctx.Service();
        await service.BackupAsync(vault, null, null, null, CancellationToken.None);
        var refreshes = ctx.Server.TokenRefreshes;
        ctx.Server.RevokeAccessTokens();

        Assert.Single(await ListAsync(service));
        Assert.Equal(refreshes + 1, ctx.Server.TokenRefreshes);
    }

    [Fact]
    public async Task Backups_in_the_app_data_folder_are_separate_from_the_drive()
    {
        await using var ctx = await DriveTestContext.StartAsync(appDataFolder: true);
        var vault = ctx.CreateVault(rows: 1, blobBytes: 10);
        using var service = ctx.Service();
        var backup = await service.BackupAsync(vault, null, null, null, CancellationToken.None);

        Assert.All(ctx.Server.Files, f => Assert.Equal("appDataFolder", f.Space));
        Assert.Equal(backup.Id, Assert.Single(await ListAsync(service)).Id);
    }

    [Fact]
    public async Task Listing_a_folder_that_does_not_exist_is_empty_and_creates_nothing()
    {
        await using var ctx = await DriveTestContext.StartAsync();
        using var service = ctx.Service("Nowhere");
        Assert.Empty(await ListAsync(service));
        Assert.Empty(ctx.Server.Files);
    }

    internal static async Task<List<VaultBackup>> ListAsync(DriveBackupService service, bool includeUnverified = false)
    {
        var list = new List<VaultBackup>();
        await foreach (var backup in service.ListAsync(includeUnverified, CancellationToken.None))
        {
            list.Add(backup);
        }
        return list;
    }
}
