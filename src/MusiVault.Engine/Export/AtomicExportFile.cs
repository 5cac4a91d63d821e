namespace MusiVault.Engine.Export;

/// <summary>
/// Writes an export file so that it is either the old file or the complete new one, never half of it: the content
/// goes to a temporary file in the same folder (same volume, so the final move is a rename), is flushed to disk,
/// then moved over the target. A failed or cancelled write leaves the target untouched and removes the temporary
/// file. The temporary name is short and fixed-length so it fits the folder whatever the target's name.
/// </summary>
internal static class AtomicExportFile
{
    public static async Task<FileInfo> WriteAsync(
        string path, bool overwrite, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string temp = "";
        try
        {
            temp = TempPath(path);
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await write(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                FlushToDisk(stream);
            }
            Commit(temp, path, overwrite);
            return new FileInfo(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw WriteFailed(path, ex);
        }
        finally
        {
            DeleteQuietly(temp);
        }
    }

    public static FileInfo Write(string path, bool overwrite, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string temp = "";
        try
        {
            temp = TempPath(path);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                write(stream);
                FlushToDisk(stream);
            }
            Commit(temp, path, overwrite);
            return new FileInfo(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw WriteFailed(path, ex);
        }
        finally
        {
            DeleteQuietly(temp);
        }
    }

    internal static MusiVaultException FileExists(string path) =>
        new("ExportFileExists", ErrorKind.ResourceExists,
            $"The file '{path}' already exists. Use -Force to overwrite it.", path);

    /// <summary>A temporary name in the target's folder, which is created here: only an actual write creates it.</summary>
    private static string TempPath(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        Directory.CreateDirectory(folder);
        return Path.Join(folder, ".musivault-" + Guid.NewGuid().ToString("N")[..16] + ".tmp");
    }

    private static void FlushToDisk(FileStream stream) => stream.Flush(flushToDisk: true);

    private static void Commit(string temp, string path, bool overwrite)
    {
        try
        {
            File.Move(temp, path, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            throw FileExists(path);
        }
    }

    private static MusiVaultException WriteFailed(string path, Exception inner) =>
        new("ExportWriteFailed", ErrorKind.WriteError, $"Could not write '{path}': {inner.Message}", path, inner);

    private static void DeleteQuietly(string temp)
    {
        if (temp.Length == 0)
        {
            return;
        }
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The export already succeeded or failed with its own error; a stray temp file is not worth a second one.
        }
    }
}
