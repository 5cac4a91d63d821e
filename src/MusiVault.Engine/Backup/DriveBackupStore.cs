using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Net;
using System.Runtime.CompilerServices;
using Google;
using Google.Apis.Download;
using Google.Apis.Upload;
using MusiVault.Engine.Drive;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Backup;

/// <summary>
/// The backups folder on Drive: find or create it, list verified backups, upload, mark verified, download, delete.
/// Every Drive failure leaves here as a MusiVaultException with a stable id.
/// </summary>
internal sealed class DriveBackupStore : IDisposable
{
    private const string FileFields = "id,name,size,md5Checksum,createdTime,appProperties,parents";

    private readonly DriveAuthenticator _authenticator;
    private readonly DriveService _drive;
    private readonly DriveBackupOptions _options;
    private readonly bool _appData;

    private DriveBackupStore(DriveAuthenticator authenticator, DriveService drive, DriveBackupOptions options, bool appData)
    {
        _authenticator = authenticator;
        _drive = drive;
        _options = options;
        _appData = appData;
    }

    /// <summary>Verbose lines (sizes, rates, steps); never secrets.</summary>
    public Action<string>? Log { get; set; }

    public string Folder => _options.Folder;

    public static DriveBackupStore Open(DriveBackupOptions options, GoogleEndpoints endpoints, GoogleProfile profile, string home)
    {
        var authenticator = new DriveAuthenticator(new GoogleOAuth(endpoints), profile, p => p.Save(home));
        try
        {
            return new DriveBackupStore(authenticator, new DriveService(endpoints.DriveApiRoot, authenticator), options, profile.AppDataFolder);
        }
        catch
        {
            authenticator.Dispose();
            throw;
        }
    }

    private string Spaces => _appData ? "appDataFolder" : "drive";

    private string RootParent => _appData ? "appDataFolder" : "root";

    public async Task<string?> FindFolderAsync(CancellationToken cancellationToken)
    {
        var request = _drive.Files.List();
        request.Q = $"name = '{Escape(_options.Folder)}' and mimeType = '{DriveService.FolderMimeType}' and trashed = false and '{RootParent}' in parents";
        request.Spaces = Spaces;
        request.Fields = "files(id,name,createdTime)";
        request.OrderBy = "createdTime";
        request.PageSize = 10;
        var result = await Call(() => request.ExecuteAsync(cancellationToken), "find the backup folder");
        return result.Files?.FirstOrDefault()?.Id;
    }

    public async Task<string> EnsureFolderAsync(CancellationToken cancellationToken)
    {
        if (await FindFolderAsync(cancellationToken) is { } existing)
        {
            return existing;
        }
        var create = _drive.Files.Create(new DriveFile { Name = _options.Folder, MimeType = DriveService.FolderMimeType, Parents = [RootParent] });
        create.Fields = "id";
        var folder = await Call(() => create.ExecuteAsync(cancellationToken), "create the backup folder");
        Log?.Invoke($"Created the Drive folder '{_options.Folder}'.");
        return folder.Id!;
    }

    /// <summary>
    /// The backups in the folder, newest first, one page at a time: the verified ones, or with
    /// <paramref name="includeUnverified"/> every upload a backup made (verified or not; never other files).
    /// </summary>
    public async IAsyncEnumerable<VaultBackup> ListAsync(string folderId, bool includeUnverified,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? pageToken = null;
        do
        {
            var request = _drive.Files.List();
            request.Q = $"'{Escape(folderId)}' in parents and trashed = false " +
                        $"and appProperties has {{ key='{BackupManifest.KindKey}' and value='{BackupManifest.KindValue}' }}" +
                        (includeUnverified ? "" : $" and appProperties has {{ key='{BackupManifest.VerifiedKey}' and value='{BackupManifest.VerifiedValue}' }}");
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

    /// <summary>The verified backup with this id, with Drive's current md5 of its content.</summary>
    public async Task<(VaultBackup Backup, string? Md5)> GetVerifiedAsync(string id, CancellationToken cancellationToken)
    {
        var get = _drive.Files.Get(id);
        get.Fields = FileFields;
        DriveFile file;
        try
        {
            file = await get.ExecuteAsync(cancellationToken);
        }
        catch (GoogleApiException ex) when (ex.HttpStatusCode == HttpStatusCode.NotFound)
        {
            throw new MusiVaultException("BackupNotFound", ErrorKind.ObjectNotFound, $"There is no backup with id '{id}' on Drive.", id, ex);
        }
        catch (Exception ex) when (ex is GoogleApiException or HttpRequestException)
        {
            throw Wrap(ex, "read the backup's properties");
        }
        if (!BackupManifest.IsVerifiedBackup(file.AppProperties))
        {
            throw new MusiVaultException("BackupNotVerified", ErrorKind.InvalidData,
                $"The Drive file '{file.Name}' is not a verified MusiVault backup.", id);
        }
        return (ToBackup(file), file.Md5Checksum);
    }

    /// <summary>Uploads over the resumable protocol and returns the new file, its md5 as Drive computed it included.</summary>
    public async Task<DriveFile> UploadAsync(PackedBackup packed, string name, string folderId, IProgress<TransferProgress>? progress,
        CancellationToken cancellationToken)
    {
        var body = new DriveFile
        {
            Name = name,
            Parents = [folderId],
            MimeType = packed.Encrypted ? "application/octet-stream" : "application/gzip",
            AppProperties = packed.Manifest.ToAppProperties(),
        };
        await using var stream = File.OpenRead(packed.Path);
        var upload = _drive.Files.CreateUpload(body, stream, body.MimeType);
        upload.ChunkSize = _options.UploadChunkSize;
        upload.Fields = FileFields;
        var clock = Stopwatch.StartNew();
        upload.ProgressChanged += p =>
        {
            if (p.Status is UploadStatus.Uploading or UploadStatus.Completed)
            {
                progress?.Report(new TransferProgress("Uploading", p.BytesSent, packed.SizeBytes, true));
            }
        };
        progress?.Report(new TransferProgress("Uploading", 0, packed.SizeBytes, true));
        var result = await upload.UploadAsync(cancellationToken);
        if (result.Status != UploadStatus.Completed || upload.ResponseBody?.Id is null)
        {
            throw new MusiVaultException("BackupUploadFailed", ErrorKind.ConnectionError,
                $"The upload to Google Drive failed after {result.BytesSent:N0} of {packed.SizeBytes:N0} bytes: {Describe(result.Exception)}",
                name, result.Exception);
        }
        Log?.Invoke($"Uploaded {packed.SizeBytes:N0} bytes in {clock.Elapsed.TotalSeconds:0.0} s ({Rate(packed.SizeBytes, clock.Elapsed)}).");
        return upload.ResponseBody;
    }

    /// <summary>Adds the verified mark: from now on the file is listed, kept and restorable.</summary>
    public async Task<VaultBackup> MarkVerifiedAsync(string id, CancellationToken cancellationToken)
    {
        var update = _drive.Files.Update(id, new DriveFile
        {
            AppProperties = new Dictionary<string, string?> { [BackupManifest.VerifiedKey] = BackupManifest.VerifiedValue },
        });
        update.Fields = FileFields;
        return ToBackup(await Call(() => update.ExecuteAsync(cancellationToken), "update the backup's properties"));
    }

    public async Task DownloadAsync(VaultBackup backup, string path, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
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
            // The downloader reports a local write failure (a full disk beside the vault) like a network one: let the
            // restore report it as the vault's condition.
            if (result.Exception is IOException local && VaultErrors.Translate(local, path) is not null)
            {
                ExceptionDispatchInfo.Throw(local);
            }
            throw new MusiVaultException("BackupDownloadFailed", ErrorKind.ConnectionError,
                $"The download of '{backup.Name}' failed after {result.BytesDownloaded:N0} bytes: {Describe(result.Exception)}",
                backup.Id, result.Exception);
        }
        Log?.Invoke($"Downloaded {result.BytesDownloaded:N0} bytes in {clock.Elapsed.TotalSeconds:0.0} s ({Rate(result.BytesDownloaded, clock.Elapsed)}).");
    }

    public async Task DeleteAsync(VaultBackup backup, CancellationToken cancellationToken)
    {
        await Call(() => _drive.Files.Delete(backup.Id).ExecuteAsync(cancellationToken), "delete an old backup");
        Log?.Invoke(backup.Verified
            ? $"Retention: deleted {backup.Name} ({backup.CreatedAt:u})."
            : $"Retention: deleted the unverified upload {backup.Name} ({backup.CreatedAt:u}), left by a backup that never completed.");
    }

    /// <summary>Removes an upload that failed verification; a failure here is logged, the verification error is what counts.</summary>
    public async Task DeleteUnverifiedAsync(string id)
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

    private static VaultBackup ToBackup(DriveFile file) =>
        BackupManifest.FromAppProperties(file.AppProperties).ToVaultBackup(file.Id ?? "", file.Name ?? "", file.CreatedTime ?? default,
            file.Size ?? 0, BackupManifest.IsVerifiedBackup(file.AppProperties));

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
        GoogleApiException { HttpStatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } g =>
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

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    public void Dispose()
    {
        _drive.Dispose();
        _authenticator.Dispose();
    }
}
