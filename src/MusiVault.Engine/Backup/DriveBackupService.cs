using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using Google;
using Google.Apis.Download;
using Google.Apis.Upload;
using Microsoft.Data.Sqlite;
using MusiVault.Engine.Configuration;
using MusiVault.Engine.Drive;

namespace MusiVault.Engine.Backup;

public sealed class DriveBackupOptions
{
    public string Profile { get; set; } = GoogleProfile.DefaultProfile;
    /// <summary>Null: MUSIVAULT_HOME.</summary>
    public string? Home { get; set; }
    /// <summary>Null: from the environment.</summary>
    public GoogleEndpoints? Endpoints { get; set; }
    /// <summary>The Drive folder for backups (created when missing; inside the app-data folder for such profiles).</summary>
    public string Folder { get; set; } = "MusiVault";
    /// <summary>Upload chunk size; Drive requires a multiple of 256 KiB.</summary>
    public int UploadChunkSize { get; set; } = 8 * 1024 * 1024;
    public int DownloadChunkSize { get; set; } = 8 * 1024 * 1024;
    public int ListPageSize { get; set; } = 100;
    public int KdfIterations { get; set; } = BackupEncryption.DefaultIterations;
    /// <summary>Where temporary snapshots go; null: the system temp folder.</summary>
    public string? TempDirectory { get; set; }
}

/// <summary>
/// Backup-VaultToDrive, Get-VaultBackup and Restore-VaultFromDrive. A backup counts only once Drive's md5 of the
/// uploaded bytes matched ours: then, and only then, the file gets the appProperty mvVerified=1, and only files with
/// it are listed, kept or restored.
/// </summary>
public sealed class DriveBackupService : IDisposable
{
    public const int BackupFormatVersion = 1;
    internal const string KindKey = "mvKind";
    internal const string KindValue = "vault-backup";
    internal const string VerifiedKey = "mvVerified";
    private const string FileFields = "id,name,size,md5Checksum,createdTime,appProperties,parents";
    // appProperties entries are limited to 124 bytes (key + value): long count lists are split over several keys.
    private const int CountsPartLength = 100;

    private readonly DriveService _drive;
    private readonly DriveBackupOptions _options;
    private readonly bool _appData;

    private DriveBackupService(DriveService drive, DriveBackupOptions options, bool appData)
    {
        _drive = drive;
        _options = options;
        _appData = appData;
    }

    /// <summary>Verbose lines (sizes, rates, steps); never secrets.</summary>
    public Action<string>? Log { get; set; }

    public static DriveBackupService Open(DriveBackupOptions options)
    {
        if (options.UploadChunkSize <= 0 || options.UploadChunkSize % ResumableUpload.MinimumChunkSize != 0)
        {
            throw new MusiVaultException("InvalidChunkSize", ErrorKind.InvalidArgument,
                $"The upload chunk size must be a positive multiple of {ResumableUpload.MinimumChunkSize} bytes.");
        }
        var home = options.Home ?? MusiVaultPaths.Home;
        var endpoints = options.Endpoints ?? GoogleEndpoints.FromEnvironment();
        var profile = GoogleDriveConnector.LoadRequired(options.Profile, home);
        var authenticator = new DriveAuthenticator(new GoogleOAuth(endpoints), profile, p => p.Save(home));
        return new DriveBackupService(new DriveService(endpoints.DriveApiRoot, authenticator), options, profile.AppDataFolder);
    }

    public void Dispose() => _drive.Dispose();

    private string Spaces => _appData ? "appDataFolder" : "drive";

    // ---------------------------------------------------------------- backup

    public async Task<VaultBackup> BackupAsync(string vaultPath, char[]? passphrase, int? keep,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        if (keep is < 1)
        {
            throw new MusiVaultException("InvalidKeep", ErrorKind.InvalidArgument, "-Keep must be at least 1.", keep);
        }
        var work = CreateWorkDirectory(_options.TempDirectory);
        try
        {
            progress?.Report(new TransferProgress("Taking a snapshot of the vault", 0, 0, false));
            var snapshot = Path.Combine(work, "vault.db");
            await Task.Run(() => VaultSnapshot.Create(vaultPath, snapshot), cancellationToken);
            var facts = VaultSnapshot.Inspect(snapshot, "VaultSnapshotCorrupt");
            Log?.Invoke($"Snapshot: {facts.SizeBytes:N0} bytes, integrity_check ok, {facts.Counts}");

            progress?.Report(new TransferProgress("Compressing", 0, 0, false));
            var payload = Path.Combine(work, "vault.db.gz");
            await Task.Run(() => Gzip(snapshot, payload), cancellationToken);
            var encrypted = passphrase is { Length: > 0 };
            if (encrypted)
            {
                progress?.Report(new TransferProgress("Encrypting", 0, 0, false));
                var sealedPath = payload + ".mvbk";
                await Task.Run(() =>
                {
                    using var input = File.OpenRead(payload);
                    using var output = File.Create(sealedPath);
                    BackupEncryption.Encrypt(input, output, passphrase, _options.KdfIterations);
                }, cancellationToken);
                payload = sealedPath;
            }
            var md5 = VaultSnapshot.Md5Hex(payload);
            var size = new FileInfo(payload).Length;

            var folderId = await EnsureFolderAsync(cancellationToken);
            var name = string.Create(CultureInfo.InvariantCulture,
                $"musivault-{Short(facts.VaultId)}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.db.gz{(encrypted ? ".mvbk" : "")}");
            var properties = new Dictionary<string, string?>
            {
                [KindKey] = KindValue,
                ["mvFormat"] = BackupFormatVersion.ToString(CultureInfo.InvariantCulture),
                ["mvVaultId"] = facts.VaultId,
                ["mvSchema"] = facts.SchemaVersion.ToString(CultureInfo.InvariantCulture),
                ["mvSha256"] = facts.Sha256,
                ["mvEncrypted"] = encrypted ? "true" : "false",
                ["mvDbBytes"] = facts.SizeBytes.ToString(CultureInfo.InvariantCulture),
            };
            for (int i = 0, part = 0; i < facts.Counts.Length; i += CountsPartLength, part++)
            {
                properties["mvCounts" + part.ToString(CultureInfo.InvariantCulture)] =
                    facts.Counts.Substring(i, Math.Min(CountsPartLength, facts.Counts.Length - i));
            }

            var uploaded = await UploadAsync(payload, size, new DriveFile
            {
                Name = name,
                Parents = [folderId],
                MimeType = encrypted ? "application/octet-stream" : "application/gzip",
                AppProperties = properties,
            }, progress, cancellationToken);

            if (!string.Equals(uploaded.Md5Checksum, md5, StringComparison.OrdinalIgnoreCase))
            {
                await DeleteQuietlyAsync(uploaded.Id!);
                throw new MusiVaultException("BackupChecksumMismatch", ErrorKind.InvalidResult,
                    $"Drive's md5 of the uploaded backup ({uploaded.Md5Checksum ?? "none"}) differs from the local one ({md5}). The upload was deleted; nothing was kept.",
                    name);
            }
            var update = _drive.Files.Update(uploaded.Id!, new DriveFile { AppProperties = new Dictionary<string, string?> { [VerifiedKey] = "1" } });
            update.Fields = FileFields;
            var verified = await Call(() => update.ExecuteAsync(cancellationToken), "update the backup's properties");
            Log?.Invoke($"Verified: Drive md5 {uploaded.Md5Checksum} matches.");
            var backup = ToBackup(verified);

            if (keep is int n)
            {
                await ApplyRetentionAsync(folderId, facts.VaultId, backup.Id, n, cancellationToken);
            }
            return backup;
        }
        finally
        {
            DeleteDirectory(work);
        }
    }

    private async Task<DriveFile> UploadAsync(string path, long size, DriveFile body, IProgress<TransferProgress>? progress,
        CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var upload = _drive.Files.CreateUpload(body, stream, body.MimeType!);
        upload.ChunkSize = _options.UploadChunkSize;
        upload.Fields = FileFields;
        var clock = Stopwatch.StartNew();
        upload.ProgressChanged += p =>
        {
            if (p.Status is UploadStatus.Uploading or UploadStatus.Completed)
            {
                progress?.Report(new TransferProgress("Uploading", p.BytesSent, size, true));
            }
        };
        progress?.Report(new TransferProgress("Uploading", 0, size, true));
        var result = await upload.UploadAsync(cancellationToken);
        if (result.Status != UploadStatus.Completed || upload.ResponseBody?.Id is null)
        {
            throw new MusiVaultException("BackupUploadFailed", ErrorKind.ConnectionError,
                $"The upload to Google Drive failed after {result.BytesSent:N0} of {size:N0} bytes: {Describe(result.Exception)}",
                body.Name, result.Exception);
        }
        Log?.Invoke($"Uploaded {size:N0} bytes in {clock.Elapsed.TotalSeconds:0.0} s ({Rate(size, clock.Elapsed)}).");
        return upload.ResponseBody;
    }

    private async Task ApplyRetentionAsync(string folderId, string vaultId, string newId, int keep, CancellationToken cancellationToken)
    {
        var older = new List<VaultBackup>();
        await foreach (var backup in ListInFolderAsync(folderId, cancellationToken))
        {
            if (backup.VaultId == vaultId && backup.Id != newId)
            {
                older.Add(backup);
            }
        }
        // The new backup is one of the n kept, so n-1 of the older ones stay.
        foreach (var stale in older.OrderByDescending(b => b.CreatedAt).Skip(keep - 1))
        {
            await Call(() => _drive.Files.Delete(stale.Id).ExecuteAsync(cancellationToken), "delete an old backup");
            Log?.Invoke($"Retention: deleted {stale.Name} ({stale.CreatedAt:u}).");
        }
    }

    // ---------------------------------------------------------------- list

    /// <summary>Verified backups in the folder, newest first; nothing when the folder does not exist.</summary>
    public async IAsyncEnumerable<VaultBackup> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folderId = await FindFolderAsync(cancellationToken);
        if (folderId is null)
        {
            yield break;
        }
        await foreach (var backup in ListInFolderAsync(folderId, cancellationToken))
        {
            yield return backup;
        }
    }

    private async IAsyncEnumerable<VaultBackup> ListInFolderAsync(string folderId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? pageToken = null;
        do
        {
            var request = _drive.Files.List();
            request.Q = $"'{Escape(folderId)}' in parents and trashed = false and appProperties has {{ key='{KindKey}' and value='{KindValue}' }} and appProperties has {{ key='{VerifiedKey}' and value='1' }}";
            request.Spaces = Spaces;
            request.OrderBy = "createdTime desc";
            request.PageSize = _options.ListPageSize;
            request.PageToken = pageToken;
            request.Fields = $"nextPageToken,files({FileFields})";
            var page = await Call(() => request.ExecuteAsync(cancellationToken), "list backups");
            foreach (var file in page.Files ?? [])
            {
                yield return ToBackup(file);
            }
            pageToken = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(pageToken));
    }

    // ---------------------------------------------------------------- restore

    /// <summary>The verified backup with this id, or the newest one when <paramref name="id"/> is null.</summary>
    public async Task<VaultBackup> FindAsync(string? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            await foreach (var newest in ListAsync(cancellationToken))
            {
                return newest;
            }
            throw new MusiVaultException("BackupNotFound", ErrorKind.ObjectNotFound,
                $"There is no verified backup in the Drive folder '{_options.Folder}'.", _options.Folder);
        }
        return ToBackup(await FindFileAsync(id, cancellationToken));
    }

    private async Task<DriveFile> FindFileAsync(string id, CancellationToken cancellationToken)
    {
        var get = _drive.Files.Get(id);
        get.Fields = FileFields;
        DriveFile file;
        try
        {
            file = await get.ExecuteAsync(cancellationToken);
        }
        catch (GoogleApiException ex) when (ex.HttpStatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new MusiVaultException("BackupNotFound", ErrorKind.ObjectNotFound, $"There is no backup with id '{id}' on Drive.", id, ex);
        }
        catch (Exception ex) when (ex is GoogleApiException or HttpRequestException)
        {
            throw Wrap(ex, "read the backup's properties");
        }
        if (Prop(file.AppProperties, KindKey) != KindValue || Prop(file.AppProperties, VerifiedKey) != "1")
        {
            throw new MusiVaultException("BackupNotVerified", ErrorKind.InvalidData,
                $"The Drive file '{file.Name}' is not a verified MusiVault backup.", id);
        }
        return file;
    }

    public async Task<VaultRestoreResult> RestoreAsync(VaultBackup backup, string destination, bool overwrite, char[]? passphrase,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        destination = Path.GetFullPath(destination);
        if (File.Exists(destination) && !overwrite)
        {
            throw new MusiVaultException("RestoreDestinationExists", ErrorKind.ResourceUnavailable,
                $"'{destination}' exists. Use -Force to replace it.", destination);
        }
        if (backup.Encrypted && passphrase is not { Length: > 0 })
        {
            throw new MusiVaultException("BackupPassphraseRequired", ErrorKind.InvalidArgument,
                $"The backup '{backup.Name}' is encrypted: pass -Passphrase.", backup.Id);
        }
        var directory = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(directory);
        // Work next to the destination so that the final move is a rename on one file system.
        var work = CreateWorkDirectory(directory);
        try
        {
            var downloaded = Path.Combine(work, "download");
            await DownloadAsync(backup, downloaded, progress, cancellationToken);
            var md5 = VaultSnapshot.Md5Hex(downloaded);
            // Fresh metadata: the md5 Drive computed when the upload completed.
            var driveMd5 = (await FindFileAsync(backup.Id, cancellationToken)).Md5Checksum;
            if (driveMd5 is not null && !string.Equals(md5, driveMd5, StringComparison.OrdinalIgnoreCase))
            {
                throw new MusiVaultException("BackupDownloadCorrupt", ErrorKind.InvalidData,
                    $"The downloaded backup ({new FileInfo(downloaded).Length:N0} bytes, md5 {md5}) differs from what Drive stored ({backup.SizeBytes:N0} bytes, md5 {driveMd5}). Nothing was restored.", backup.Id);
            }

            progress?.Report(new TransferProgress("Unpacking", 0, 0, false));
            var database = Path.Combine(work, "vault.db");
            await Task.Run(() => Unpack(downloaded, database, passphrase), cancellationToken);
            var facts = VaultSnapshot.Inspect(database, "BackupIntegrityFailed");
            if (!string.Equals(facts.Sha256, backup.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new MusiVaultException("BackupChecksumMismatch", ErrorKind.InvalidData,
                    $"The restored database's SHA-256 differs from the one recorded at backup time. Nothing was restored.", backup.Id);
            }
            Log?.Invoke($"Verified: SHA-256 {facts.Sha256}, integrity_check ok, {facts.Counts}");

            progress?.Report(new TransferProgress("Writing the vault", 0, 0, false));
            Install(database, destination, overwrite);
            return new VaultRestoreResult
            {
                BackupId = backup.Id,
                Name = backup.Name,
                Path = destination,
                SizeBytes = facts.SizeBytes,
                Sha256 = facts.Sha256,
                VaultId = facts.VaultId,
                Counts = facts.Counts,
            };
        }
        finally
        {
            DeleteDirectory(work);
        }
    }

    private async Task DownloadAsync(VaultBackup backup, string path, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var downloader = _drive.Files.Downloader();
        downloader.ChunkSize = _options.DownloadChunkSize;
        downloader.ProgressChanged += p =>
        {
            if (p.Status is DownloadStatus.Downloading or DownloadStatus.Completed)
            {
                progress?.Report(new TransferProgress("Downloading", p.BytesDownloaded, backup.SizeBytes, true));
            }
        };
        var clock = Stopwatch.StartNew();
        progress?.Report(new TransferProgress("Downloading", 0, backup.SizeBytes, true));
        IDownloadProgress result;
        await using (var file = File.Create(path))
        {
            result = await downloader.DownloadAsync(_drive.DownloadUrl(backup.Id), file, cancellationToken);
        }
        if (result.Status != DownloadStatus.Completed)
        {
            throw new MusiVaultException("BackupDownloadFailed", ErrorKind.ConnectionError,
                $"The download of '{backup.Name}' failed after {result.BytesDownloaded:N0} bytes: {Describe(result.Exception)}",
                backup.Id, result.Exception);
        }
        Log?.Invoke($"Downloaded {result.BytesDownloaded:N0} bytes in {clock.Elapsed.TotalSeconds:0.0} s ({Rate(result.BytesDownloaded, clock.Elapsed)}).");
    }

    private static void Unpack(string downloaded, string database, char[]? passphrase)
    {
        var start = new byte[4];
        using (var probe = File.OpenRead(downloaded))
        {
            probe.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        var gz = downloaded;
        if (BackupEncryption.HasMagic(start))
        {
            if (passphrase is not { Length: > 0 })
            {
                throw new MusiVaultException("BackupPassphraseRequired", ErrorKind.InvalidArgument, "The backup is encrypted: pass -Passphrase.");
            }
            gz = downloaded + ".gz";
            using var input = File.OpenRead(downloaded);
            using var output = File.Create(gz);
            BackupEncryption.Decrypt(input, output, passphrase);
        }
        try
        {
            using var compressed = File.OpenRead(gz);
            using var gunzip = new GZipStream(compressed, CompressionMode.Decompress);
            using var output = File.Create(database);
            gunzip.CopyTo(output);
        }
        catch (InvalidDataException ex)
        {
            throw new MusiVaultException("BackupCorrupt", ErrorKind.InvalidData, $"The backup is not valid gzip data: {ex.Message}", null, ex);
        }
    }

    /// <summary>
    /// A new file is renamed into place. An existing vault is replaced through SQLite's backup API instead, in one
    /// write transaction: a plain rename would pair the new file with the old one's -wal and -shm.
    /// </summary>
    private static void Install(string database, string destination, bool overwrite)
    {
        if (!File.Exists(destination))
        {
            File.Move(database, destination, overwrite: false);
            return;
        }
        if (!overwrite)
        {
            throw new MusiVaultException("RestoreDestinationExists", ErrorKind.ResourceUnavailable,
                $"'{destination}' exists. Use -Force to replace it.", destination);
        }
        try
        {
            using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false, DefaultTimeout = 30 }.ToString());
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 26 /* SQLITE_NOTADB */)
        {
            // Not a database: nothing can be using it as one, a rename is safe.
            File.Move(database, destination, overwrite: true);
        }
        catch (SqliteException ex)
        {
            throw new MusiVaultException("RestoreWriteFailed", ErrorKind.WriteError,
                $"Cannot replace '{destination}': {ex.Message}", destination, ex);
        }
    }

    // ---------------------------------------------------------------- folder

    private async Task<string?> FindFolderAsync(CancellationToken cancellationToken)
    {
        var request = _drive.Files.List();
        request.Q = $"name = '{Escape(_options.Folder)}' and mimeType = '{DriveService.FolderMimeType}' and trashed = false and '{(_appData ? "appDataFolder" : "root")}' in parents";
        request.Spaces = Spaces;
        request.Fields = "files(id,name,createdTime)";
        request.OrderBy = "createdTime";
        request.PageSize = 10;
        var result = await Call(() => request.ExecuteAsync(cancellationToken), "find the backup folder");
        return result.Files?.FirstOrDefault()?.Id;
    }

    private async Task<string> EnsureFolderAsync(CancellationToken cancellationToken)
    {
        var existing = await FindFolderAsync(cancellationToken);
        if (existing is not null)
        {
            return existing;
        }
        var create = _drive.Files.Create(new DriveFile
        {
            Name = _options.Folder,
            MimeType = DriveService.FolderMimeType,
            Parents = [_appData ? "appDataFolder" : "root"],
        });
        create.Fields = "id";
        var folder = await Call(() => create.ExecuteAsync(cancellationToken), "create the backup folder");
        Log?.Invoke($"Created the Drive folder '{_options.Folder}'.");
        return folder.Id!;
    }

    // ---------------------------------------------------------------- helpers

    private static VaultBackup ToBackup(DriveFile file)
    {
        var p = file.AppProperties ?? new Dictionary<string, string?>();
        var counts = string.Concat(Enumerable.Range(0, 100)
            .Select(i => Prop(p, "mvCounts" + i.ToString(CultureInfo.InvariantCulture)))
            .TakeWhile(part => part is not null));
        var backup = new VaultBackup
        {
            Id = file.Id ?? "",
            Name = file.Name ?? "",
            CreatedAt = file.CreatedTime ?? default,
            SizeBytes = file.Size ?? 0,
            Encrypted = Prop(p, "mvEncrypted") == "true",
            Sha256 = Prop(p, "mvSha256") ?? "",
            VaultId = Prop(p, "mvVaultId") ?? "",
            SchemaVersion = int.TryParse(Prop(p, "mvSchema"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0,
            FormatVersion = int.TryParse(Prop(p, "mvFormat"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) ? f : 0,
            Counts = counts,
        };
        return backup;
    }

    private static string? Prop(IDictionary<string, string?>? properties, string key) =>
        properties is not null && properties.TryGetValue(key, out var value) ? value : null;

    private async Task DeleteQuietlyAsync(string id)
    {
        try
        {
            await _drive.Files.Delete(id).ExecuteAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is GoogleApiException or HttpRequestException)
        {
            Log?.Invoke($"Could not delete the unverified upload {id}: {ex.Message}");
        }
    }

    private static async Task<T> Call<T>(Func<Task<T>> action, string what)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is GoogleApiException or HttpRequestException)
        {
            throw Wrap(ex, what);
        }
    }

    private static MusiVaultException Wrap(Exception ex, string what) => ex switch
    {
        GoogleApiException { HttpStatusCode: System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden } g =>
            new MusiVaultException("DriveAccessDenied", ErrorKind.PermissionDenied, $"Google Drive refused to {what}: {g.Error?.Message ?? g.Message}", null, ex),
        GoogleApiException g => new MusiVaultException("DriveRequestFailed", ErrorKind.ProtocolError,
            $"Google Drive could not {what} ({(int)g.HttpStatusCode}): {g.Error?.Message ?? g.Message}", null, ex),
        _ => new MusiVaultException("DriveUnreachable", ErrorKind.ConnectionError, $"Could not {what}: {ex.Message}", null, ex),
    };

    private static string Describe(Exception? ex) => ex switch
    {
        null => "unknown error",
        MusiVaultException m => m.Message,
        GoogleApiException g => g.Error?.Message ?? g.Message,
        _ => ex.Message,
    };

    private static string Rate(long bytes, TimeSpan elapsed) =>
        elapsed.TotalSeconds <= 0 ? "n/a" : $"{bytes / elapsed.TotalSeconds / (1024 * 1024):0.00} MiB/s";

    private static string Short(string vaultId) => vaultId.Length > 8 ? vaultId[..8] : vaultId.Length == 0 ? "unknown" : vaultId;

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("'", "\\'");

    private static void Gzip(string source, string destination)
    {
        using var input = File.OpenRead(source);
        using var output = File.Create(destination);
        using var gzip = new GZipStream(output, CompressionLevel.Optimal);
        input.CopyTo(gzip);
    }

    private static string CreateWorkDirectory(string? parent)
    {
        if (parent is null)
        {
            return Directory.CreateTempSubdirectory("musivault-backup-").FullName;
        }
        var dir = Path.Combine(parent, $".musivault-work-{Guid.NewGuid():N}");
        Security.SecretFile.CreatePrivateDirectory(dir);
        return dir;
    }

    private static void DeleteDirectory(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
