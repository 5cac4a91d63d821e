using System.Security.Cryptography;
using System.Text;

namespace MusiVault.Engine.Security;

/// <summary>
/// Reads and writes small secret files (refresh tokens). A write is atomic: a temp file in the same folder,
/// made 0600 before any secret byte is in it, then renamed over the old file, so a crash leaves either the old or
/// the new secret, never half of one. On Windows the content is protected with DPAPI (CurrentUser).
/// </summary>
internal static class SecretFile
{
    public static void Write(string path, string content) => WriteBytes(path, SecretProtection.Protect(Encoding.UTF8.GetBytes(content)));

    /// <summary>
    /// The same atomic, owner-only write without DPAPI: for files that are private but must stay readable as text
    /// (a profile's metadata: user, scopes, expiries).
    /// </summary>
    public static void WritePrivateText(string path, string content) => WriteBytes(path, Encoding.UTF8.GetBytes(content));

    private static void WriteBytes(string path, byte[] bytes)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        PrivateFileSystem.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = PrivateFileSystem.CreateNewFile(temp))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The secret, or null when the file does not exist.</summary>
    public static string? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        try
        {
            return Encoding.UTF8.GetString(SecretProtection.Unprotect(bytes));
        }
        catch (CryptographicException ex)
        {
            throw new MusiVaultException("SecretUnreadable", ErrorKind.SecurityError,
                $"The stored secret '{path}' cannot be decrypted by this user. Connect again to replace it.", path, ex);
        }
    }

    public static void Delete(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Creates the folder and its missing parents, 0700 on Unix (see <see cref="PrivateFileSystem"/>).</summary>
    public static void CreatePrivateDirectory(string directory) => PrivateFileSystem.CreateDirectory(directory);
}
