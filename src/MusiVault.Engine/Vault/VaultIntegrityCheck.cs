using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Vault;

/// <summary>
/// Test-VaultIntegrity's engine side. Damage is the answer this check exists to give, so every way a file can be
/// broken (not a database, truncated, corrupt pages, no vault schema) becomes a listed problem, never an exception;
/// only a path with no file at all is an error (VaultNotFound), since there is nothing to judge.
/// </summary>
public static class VaultIntegrityCheck
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>
    /// Test-VaultIntegrity -Repair: rebuilds the indexes when they are all the damage there is (see
    /// <see cref="VaultMaintenance.Repair"/>), holding the vault lock so no sync or restore writes meanwhile.
    /// Returns the problems that were repaired (none: the vault was sound).
    /// </summary>
    public static IReadOnlyList<string> Repair(string vaultPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(vaultPath);
        var fullPath = Path.GetFullPath(vaultPath);
        if (!File.Exists(fullPath))
        {
            throw new VaultNotFoundException(fullPath);
        }
        // wait: false never waits, so this completes at once.
#pragma warning disable CA2000 // disposed by the using declaration; the analyzer does not follow a completed task's result
        using var vaultLock = VaultLock.AcquireAsync(fullPath, wait: false, onWaiting: null, CancellationToken.None).GetAwaiter().GetResult();
#pragma warning restore CA2000
        try
        {
            return VaultMaintenance.Repair(fullPath);
        }
        catch (Exception ex) when (VaultErrors.Translate(ex, fullPath) is { } vaultError)
        {
            throw vaultError;
        }
    }

    public static VaultIntegrity Check(string vaultPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(vaultPath);
        var fullPath = Path.GetFullPath(vaultPath);
        if (!File.Exists(fullPath))
        {
            throw new VaultNotFoundException(fullPath);
        }
        var problems = FileProblems(fullPath);
        if (problems.Count == 0)
        {
            problems.AddRange(DatabaseProblems(fullPath));
        }
        var fingerprint = "";
        if (problems.Count == 0)
        {
            try
            {
                fingerprint = VaultFingerprint.Compute(fullPath);
            }
            catch (SqliteException ex)
            {
                problems.Add(Describe(ex));
            }
        }
        return new VaultIntegrity { Path = fullPath, IsValid = problems.Count == 0, Problems = [.. problems], Fingerprint = fingerprint };
    }

    private static List<string> FileProblems(string fullPath)
    {
        var length = new FileInfo(fullPath).Length;
        if (length == 0)
        {
            return ["The file is empty (0 bytes): it is not a vault."];
        }
        // A database file starts with this 16-byte header; anything else was never a SQLite database.
        Span<byte> header = stackalloc byte[16];
        using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
                || !header.SequenceEqual("SQLite format 3\0"u8))
            {
                return ["The file is not a SQLite database (no SQLite header): it is not a vault."];
            }
        }
        return [];
    }

    private static IEnumerable<string> DatabaseProblems(string fullPath)
    {
        var problems = new List<string>();
        try
        {
            using var connection = VaultDatabase.Open(fullPath, readOnly: true);
            var version = VaultSchema.GetVersion(connection);
            if (version == 0)
            {
                problems.Add("The database has no vault schema (user_version 0): it is not a vault.");
            }
            problems.AddRange(VaultFingerprint.IntegrityCheck(connection).Where(line => line != "ok"));
        }
        catch (SqliteException ex)
        {
            problems.Add(Describe(ex));
        }
        catch (MusiVaultException ex) when (ex.ErrorId != "VaultNotFound")
        {
            problems.Add(ex.Message);
        }
        return problems;
    }

    private static string Describe(SqliteException ex) => ex.SqliteErrorCode switch
    {
        SqliteCorrupt => $"The database is damaged (SQLite: {ex.Message}). Restore it from a backup (Restore-VaultFromDrive).",
        SqliteNotADatabase => $"The file is not a usable database (SQLite: {ex.Message}).",
        _ => $"SQLite could not check the file: {ex.Message}",
    };
}
