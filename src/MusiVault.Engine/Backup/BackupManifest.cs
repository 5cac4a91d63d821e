using System.Globalization;

namespace MusiVault.Engine.Backup;

/// <summary>
/// What a backup records about itself, stored as the Drive file's appProperties (searchable, and readable without
/// downloading the file). Only files marked verified — Drive's md5 of the upload matched ours — count as backups.
/// </summary>
internal sealed record BackupManifest(
    int FormatVersion,
    string VaultId,
    int SchemaVersion,
    string Sha256,
    bool Encrypted,
    long DatabaseBytes,
    string Counts)
{
    public const int CurrentFormat = 1;
    public const string KindKey = "mvKind";
    public const string KindValue = "vault-backup";
    public const string VerifiedKey = "mvVerified";
    public const string VerifiedValue = "1";

    private const string FormatKey = "mvFormat";
    private const string VaultIdKey = "mvVaultId";
    private const string SchemaKey = "mvSchema";
    private const string Sha256Key = "mvSha256";
    private const string EncryptedKey = "mvEncrypted";
    private const string DatabaseBytesKey = "mvDbBytes";
    private const string CountsKeyPrefix = "mvCounts";
    // An appProperties entry is limited to 124 bytes (key + value): the count list is split over several keys.
    private const int CountsPartLength = 100;
    private const int MaxCountsParts = 100;

    /// <summary>The properties a new upload carries; <see cref="VerifiedKey"/> is added only after verification.</summary>
    public Dictionary<string, string?> ToAppProperties()
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [KindKey] = KindValue,
            [FormatKey] = FormatVersion.ToString(CultureInfo.InvariantCulture),
            [VaultIdKey] = VaultId,
            [SchemaKey] = SchemaVersion.ToString(CultureInfo.InvariantCulture),
            [Sha256Key] = Sha256,
            [EncryptedKey] = Encrypted ? "true" : "false",
            [DatabaseBytesKey] = DatabaseBytes.ToString(CultureInfo.InvariantCulture),
        };
        for (int i = 0, part = 0; i < Counts.Length; i += CountsPartLength, part++)
        {
            properties[CountsKeyPrefix + part.ToString(CultureInfo.InvariantCulture)] =
                Counts.Substring(i, Math.Min(CountsPartLength, Counts.Length - i));
        }
        return properties;
    }

    /// <summary>Reads what <see cref="ToAppProperties"/> wrote; missing or malformed values read as empty or 0.</summary>
    public static BackupManifest FromAppProperties(IDictionary<string, string?>? properties)
    {
        var counts = string.Concat(Enumerable.Range(0, MaxCountsParts)
            .Select(i => Get(properties, CountsKeyPrefix + i.ToString(CultureInfo.InvariantCulture)))
            .TakeWhile(part => part is not null));
        return new BackupManifest(
            Number(Get(properties, FormatKey)),
            Get(properties, VaultIdKey) ?? "",
            Number(Get(properties, SchemaKey)),
            Get(properties, Sha256Key) ?? "",
            Get(properties, EncryptedKey) == "true",
            long.TryParse(Get(properties, DatabaseBytesKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) ? bytes : 0,
            counts);
    }

    /// <summary>True for a MusiVault backup whose upload was verified.</summary>
    public static bool IsVerifiedBackup(IDictionary<string, string?>? properties) =>
        Get(properties, KindKey) == KindValue && Get(properties, VerifiedKey) == VerifiedValue;

    public VaultBackup ToVaultBackup(string id, string name, DateTimeOffset createdAt, long sizeBytes, bool verified) => new()
    {
        Verified = verified,
        Id = id,
        Name = name,
        CreatedAt = createdAt,
        SizeBytes = sizeBytes,
        Encrypted = Encrypted,
        Sha256 = Sha256,
        VaultId = VaultId,
        SchemaVersion = SchemaVersion,
        FormatVersion = FormatVersion,
        Counts = Counts,
    };

    private static string? Get(IDictionary<string, string?>? properties, string key) =>
        properties is not null && properties.TryGetValue(key, out var value) ? value : null;

    private static int Number(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
