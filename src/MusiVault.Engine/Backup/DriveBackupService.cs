using System.Globalization;
using System.Runtime.CompilerServices;
using Google.Apis.Upload;
using MusiVault.Engine.Configuration;
using MusiVault.Engine.Drive;
using MusiVault.Engine.Vault;

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
    /// <summary>-Keep removes an unverified upload of the same vault once it is older than this (Drive's clock).</summary>
    public TimeSpan UnverifiedGrace { get; set; } = BackupRetention.DefaultUnverifiedGrace;
}

/// <summary>
/// Backup-VaultToDrive, Get-VaultBackup and Restore-VaultFromDrive. A backup counts only once Drive's md5 of the
/// uploaded bytes matched ours: then, and only then, the file gets the verified mark, and only files with it are
/// listed, kept or restored. The steps live beside it: <see cref="BackupPacker"/>, <see cref="BackupManifest"/>,
/// <see cref="DriveBackupStore"/>, <see cref="BackupRetention"/>, <see cref="VaultInstaller"/>.
/// </summary>
public sealed class DriveBackupService : IDisposable
{
    private readonly DriveBackupStore _store;
    private readonly DriveBackupOptions _options;

    private DriveBackupService(DriveBackupStore store, DriveBackupOptions options)
    {
        _store = store;
        _options = options;
    }

    /// <summary>Verbose lines (sizes, rates, steps); never secrets.</summary>
    public Action<string>? Log
    {
        get => _store.Log;
        set => _store.Log = value;
    }

    public static DriveBackupService Open(DriveBackupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UploadChunkSize <= 0 || options.UploadChunkSize % ResumableUpload.MinimumChunkSize != 0)
        {
            throw new MusiVaultException("InvalidChunkSize", ErrorKind.InvalidArgument,
                $"The upload chunk size must be a positive multiple of {ResumableUpload.MinimumChunkSize} bytes.");
        }
        var home = options.Home ?? MusiVaultPaths.Home;
        var endpoints = options.Endpoints ?? GoogleEndpoints.FromEnvironment();
        var profile = GoogleDriveConnector.LoadRequired(options.Profile, home);
        return new DriveBackupService(DriveBackupStore.Open(options, endpoints, profile, home), options);
    }

    public async Task<VaultBackup> BackupAsync(string vaultPath, char[]? passphrase, int? keep,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        if (keep is < 1)
        {
            throw new MusiVaultException("InvalidKeep", ErrorKind.InvalidArgument, "-Keep must be at least 1.", keep);
        }
        using var work = BackupWorkFolder.Create(_options.TempDirectory, Log);
        var packed = await Task.Run(() => BackupPacker.Pack(vaultPath, work.Path, passphrase, _options.KdfIterations, progress, Log),
            cancellationToken);

        var folderId = await _store.EnsureFolderAsync(cancellationToken);
        var vaultId = packed.Snapshot.Facts.VaultId;
        var name = string.Create(CultureInfo.InvariantCulture,
            $"musivault-{Short(vaultId)}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.db.gz{(packed.Encrypted ? ".mvbk" : "")}");
        var uploaded = await _store.UploadAsync(packed, name, folderId, progress, cancellationToken);
        if (!string.Equals(uploaded.Md5Checksum, packed.Md5, StringComparison.OrdinalIgnoreCase))
        {
            await _store.DeleteUnverifiedAsync(uploaded.Id!);
            throw new MusiVaultException("BackupChecksumMismatch", ErrorKind.InvalidResult,
                $"Drive's md5 of the uploaded backup ({uploaded.Md5Checksum ?? "none"}) differs from the local one ({packed.Md5}). The upload was deleted; nothing was kept.",
                name);
        }
        var backup = await _store.MarkVerifiedAsync(uploaded.Id!, cancellationToken);
        Log?.Invoke($"Verified: Drive md5 {uploaded.Md5Checksum} matches.");

        if (keep is int n)
        {
            var all = new List<VaultBackup>();
            await foreach (var existing in _store.ListAsync(folderId, includeUnverified: true, cancellationToken))
            {
                all.Add(existing);
            }
            var stale = BackupRetention.SelectStale(all, vaultId, backup.Id, n)
                .Concat(BackupRetention.SelectAbandoned(all, backup, _options.UnverifiedGrace));
            foreach (var old in stale)
            {
                await _store.DeleteAsync(old, cancellationToken);
            }
        }
        return backup;
    }

    /// <summary>
    /// Verified backups in the folder, newest first, or with <paramref name="includeUnverified"/> the unverified uploads
    /// too (<see cref="VaultBackup.Verified"/> false); nothing when the folder does not exist.
    /// </summary>
    public async IAsyncEnumerable<VaultBackup> ListAsync(bool includeUnverified, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await _store.FindFolderAsync(cancellationToken) is not { } folderId)
        {
            yield break;
        }
        await foreach (var backup in _store.ListAsync(folderId, includeUnverified, cancellationToken))
        {
            yield return backup;
        }
    }

    /// <summary>The verified backup with this id, or the newest one when <paramref name="id"/> is null.</summary>
    public async Task<VaultBackup> FindAsync(string? id, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            return (await _store.GetVerifiedAsync(id, cancellationToken)).Backup;
        }
        await foreach (var newest in ListAsync(includeUnverified: false, cancellationToken))
        {
            return newest;
        }
        throw new MusiVaultException("BackupNotFound", ErrorKind.ObjectNotFound,
            $"There is no verified backup in the Drive folder '{_store.Folder}'.", _store.Folder);
    }

    public async Task<VaultRestoreResult> RestoreAsync(VaultBackup backup, string destination, bool overwrite, char[]? passphrase,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backup);
        destination = VaultInstaller.CheckDestination(destination, overwrite);
        try
        {
            return await RestoreCheckedAsync(backup, destination, overwrite, passphrase, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && VaultErrors.Translate(ex, destination) is { } vaultError)
        {
            // A full disk or a read-only folder beside the vault (the work folder, the download): the vault's own ids.
            throw vaultError;
        }
    }

    private async Task<VaultRestoreResult> RestoreCheckedAsync(VaultBackup backup, string destination, bool overwrite, char[]? passphrase,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        if (backup.Encrypted && passphrase is not { Length: > 0 })
        {
            throw BackupPacker.PassphraseRequired(backup);
        }
        var directory = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(directory);
        // The same lock as a sync when a vault may be replaced (-Force): a sync must not write into the file being
        // replaced, nor a restore run under a sync. A new destination needs none (the install's rename refuses a file
        // that appeared meanwhile), and gets no lock file beside it.
        using var vaultLock = overwrite || File.Exists(destination)
            ? await VaultLock.AcquireAsync(destination, wait: false, onWaiting: null, cancellationToken)
            : null;
        // Work next to the destination so that the final move is a rename on one file system.
        using var work = BackupWorkFolder.Create(directory, Log);
        var downloaded = work.File("download");
        await _store.DownloadAsync(backup, downloaded, progress, cancellationToken);
        var md5 = BackupPacker.Md5Hex(downloaded);
        // Fresh metadata: the md5 Drive computed when the upload completed.
        var (_, driveMd5) = await _store.GetVerifiedAsync(backup.Id, cancellationToken);
        if (driveMd5 is not null && !string.Equals(md5, driveMd5, StringComparison.OrdinalIgnoreCase))
        {
            throw new MusiVaultException("BackupDownloadCorrupt", ErrorKind.InvalidData,
                $"The downloaded backup ({new FileInfo(downloaded).Length:N0} bytes, md5 {md5}) differs from what Drive stored ({backup.SizeBytes:N0} bytes, md5 {driveMd5}). Nothing was restored.", backup.Id);
        }

        progress?.Report(new TransferProgress("Unpacking", 0, 0, false));
        var database = await Task.Run(() => BackupPacker.Unpack(downloaded, work.File("vault.db"), passphrase), cancellationToken);
        if (!string.Equals(database.Sha256, backup.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new MusiVaultException("BackupChecksumMismatch", ErrorKind.InvalidData,
                "The restored database's SHA-256 differs from the one recorded at backup time. Nothing was restored.", backup.Id);
        }
        Log?.Invoke($"Verified: SHA-256 {database.Sha256}, integrity_check ok, {database.Facts.Counts}");

        progress?.Report(new TransferProgress("Writing the vault", 0, 0, false));
        var previous = VaultInstaller.Install(database.Path, destination, overwrite, DateTimeOffset.UtcNow);
        return new VaultRestoreResult
        {
            BackupId = backup.Id,
            Name = backup.Name,
            Path = destination,
            SizeBytes = database.SizeBytes,
            Sha256 = database.Sha256,
            VaultId = database.Facts.VaultId,
            Counts = database.Facts.Counts,
            PreviousVaultCopy = previous,
        };
    }

    private static string Short(string vaultId) => vaultId.Length > 8 ? vaultId[..8] : vaultId.Length == 0 ? "unknown" : vaultId;

    public void Dispose() => _store.Dispose();
}
