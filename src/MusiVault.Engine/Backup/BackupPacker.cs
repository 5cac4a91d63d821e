using System.IO.Compression;
using System.Security.Cryptography;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Backup;

/// <summary>A database file that passed integrity_check, with what a backup records about it.</summary>
internal sealed record CheckedDatabase(string Path, VaultFileFacts Facts, string Sha256, long SizeBytes);

/// <summary>The file to upload: a gzip of the snapshot, sealed with <see cref="BackupEncryption"/> when encrypted.</summary>
internal sealed record PackedBackup(string Path, CheckedDatabase Snapshot, bool Encrypted, string Md5, long SizeBytes)
{
    public BackupManifest Manifest => new(BackupManifest.CurrentFormat, Snapshot.Facts.VaultId, Snapshot.Facts.SchemaVersion,
        Snapshot.Sha256, Encrypted, Snapshot.SizeBytes, Snapshot.Facts.Counts);
}

/// <summary>
/// Turns a vault into the bytes of a backup and back: snapshot, integrity check, gzip, optional encryption; and the
/// reverse. Works in a caller-given work folder; Drive is not involved.
/// </summary>
internal static class BackupPacker
{
    public static PackedBackup Pack(string vaultPath, string work, char[]? passphrase, int kdfIterations,
        IProgress<TransferProgress>? progress, Action<string>? log)
    {
        progress?.Report(new TransferProgress("Taking a snapshot of the vault", 0, 0, false));
        var snapshotPath = System.IO.Path.Combine(work, "vault.db");
        VaultMaintenance.CreateSnapshot(vaultPath, snapshotPath);
        var snapshot = Check(snapshotPath, "VaultSnapshotCorrupt");
        log?.Invoke($"Snapshot: {snapshot.SizeBytes:N0} bytes, integrity_check ok, {snapshot.Facts.Counts}");

        progress?.Report(new TransferProgress("Compressing", 0, 0, false));
        var payload = snapshotPath + ".gz";
        Gzip(snapshotPath, payload);
        var encrypted = passphrase is { Length: > 0 };
        if (encrypted)
        {
            progress?.Report(new TransferProgress("Encrypting", 0, 0, false));
            var sealedPath = payload + ".mvbk";
            using (var input = File.OpenRead(payload))
            using (var output = File.Create(sealedPath))
            {
                BackupEncryption.Encrypt(input, output, passphrase, kdfIterations);
            }
            payload = sealedPath;
        }
        return new PackedBackup(payload, snapshot, encrypted, Md5Hex(payload), new FileInfo(payload).Length);
    }

    /// <summary>Decrypts (when the file says it is sealed) and gunzips <paramref name="downloaded"/> into a checked database.</summary>
    public static CheckedDatabase Unpack(string downloaded, string databasePath, char[]? passphrase)
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
                throw PassphraseRequired(null);
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
            using var output = File.Create(databasePath);
            gunzip.CopyTo(output);
        }
        catch (InvalidDataException ex)
        {
            throw new MusiVaultException("BackupCorrupt", ErrorKind.InvalidData, $"The backup is not valid gzip data: {ex.Message}", null, ex);
        }
        return Check(databasePath, "BackupIntegrityFailed");
    }

    public static MusiVaultException PassphraseRequired(VaultBackup? backup) => new("BackupPassphraseRequired", ErrorKind.InvalidArgument,
        backup is null ? "The backup is encrypted: pass -Passphrase." : $"The backup '{backup.Name}' is encrypted: pass -Passphrase.", backup?.Id);

    public static string Md5Hex(string path)
    {
        using var stream = File.OpenRead(path);
#pragma warning disable CA5351 // Drive reports md5Checksum: this compares with it, it protects nothing.
        return Convert.ToHexString(MD5.HashData(stream)).ToLowerInvariant();
#pragma warning restore CA5351
    }

    private static CheckedDatabase Check(string path, string errorId)
    {
        var facts = VaultMaintenance.Inspect(path, errorId);
        using var stream = File.OpenRead(path);
        var sha256 = Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
        return new CheckedDatabase(path, facts, sha256, stream.Length);
    }

    private static void Gzip(string source, string destination)
    {
        using var input = File.OpenRead(source);
        using var output = File.Create(destination);
        using var gzip = new GZipStream(output, CompressionLevel.Optimal);
        input.CopyTo(gzip);
    }
}
