namespace MusiVault.Engine.Security;

/// <summary>
/// The one place that makes folders and files only their owner can read: 0700 folders and 0600 files on Unix, set
/// explicitly after creation so the result does not depend on the umask (mkdir and open only ever clear bits, and
/// .NET creates missing parent folders with the default mode). On Windows the user's profile ACLs already apply.
/// </summary>
internal static class PrivateFileSystem
{
    internal const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    internal const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates the folder and every missing parent, each 0700. Folders that already exist keep their mode: they may be
    /// shared ones the user chose (MUSIVAULT_HOME=/srv/music).
    /// </summary>
    public static void CreateDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (Directory.Exists(full))
        {
            return;
        }
        var parent = Path.GetDirectoryName(full);
        if (parent is not null)
        {
            CreateDirectory(parent);
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return;
        }
        Directory.CreateDirectory(full, DirectoryMode);
        File.SetUnixFileMode(full, DirectoryMode);
    }

    /// <summary>A new file (it must not exist) opened for writing, 0600 before any byte is written to it.</summary>
    public static FileStream CreateNewFile(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, options);
        }
        options.UnixCreateMode = FileMode;
        var stream = new FileStream(path, options);
        try
        {
            File.SetUnixFileMode(stream.SafeFileHandle, FileMode);
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
