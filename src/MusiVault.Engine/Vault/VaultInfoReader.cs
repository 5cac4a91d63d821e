namespace MusiVault.Engine.Vault;

public static class VaultInfoReader
{
    public static VaultInfo Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        using var connection = VaultDatabase.Open(fullPath);
        var info = new VaultInfo
        {
            Path = fullPath,
            SchemaVersion = VaultSchema.GetVersion(connection),
            SqliteVersion = VaultDatabase.SqliteVersion(connection),
        };
        // Main file plus WAL: what the vault occupies on disk right now.
        info.SizeBytes = FileSize(fullPath) + FileSize(fullPath + "-wal");
        return info;
    }

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
