namespace MusiVault.Engine.Export;

/// <summary>
/// Where the files of one export go. -Destination is a folder (one file per playlist, named by
/// <see cref="ExportFileNameSet"/>) when it is an existing folder, ends with a separator or has no extension;
/// it is a file when it is an existing file or has an extension, and then only one playlist may be exported.
/// Nothing is resolved against the process's current directory: the caller passes PowerShell's location.
/// </summary>
internal sealed class ExportDestination
{
    private readonly ExportFileNameSet names = new();
    private bool fileHandedOut;

    private ExportDestination(string path, bool isFile, ExportFormat format, bool force)
    {
        Path = path;
        IsFile = isFile;
        Format = format;
        Force = force;
    }

    /// <summary>The folder, or the file when <see cref="IsFile"/>.</summary>
    public string Path { get; }

    public bool IsFile { get; }

    public ExportFormat Format { get; }

    public bool Force { get; }

    /// <param name="destination">-Destination as given; null or empty means the current location.</param>
    /// <param name="currentDirectory">The caller's current location, for relative destinations.</param>
    /// <param name="playlistCount">How many playlists will be exported, when known up front.</param>
    public static ExportDestination Resolve(string? destination, string currentDirectory, ExportFormat format, bool force, int? playlistCount = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(currentDirectory);
        var given = string.IsNullOrEmpty(destination) ? "." : destination;
        var full = System.IO.Path.GetFullPath(given, currentDirectory);
        bool isFile;
        if (Directory.Exists(full))
        {
            isFile = false;
        }
        else if (File.Exists(full))
        {
            isFile = true;
        }
        else
        {
            var endsWithSeparator = given.EndsWith(System.IO.Path.DirectorySeparatorChar)
                || given.EndsWith(System.IO.Path.AltDirectorySeparatorChar);
            isFile = !endsWithSeparator && System.IO.Path.HasExtension(full);
        }
        if (isFile)
        {
            full = System.IO.Path.TrimEndingDirectorySeparator(full);
            var parent = System.IO.Path.GetDirectoryName(full);
            if (parent is null || !Directory.Exists(parent))
            {
                throw new MusiVaultException("ExportDestinationNotFound", ErrorKind.ObjectNotFound,
                    $"The folder of the destination file '{full}' does not exist.", destination);
            }
            if (playlistCount > 1)
            {
                throw DestinationIsFile(full);
            }
        }
        return new ExportDestination(full, isFile, format, force);
    }

    /// <summary>
    /// The path for the next playlist. Throws ExportFileExists when the file is there and -Force was not given, and
    /// ExportDestinationIsFile for a second playlist when the destination is one file.
    /// </summary>
    public string NextPath(ExportPlaylist playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        string path;
        if (IsFile)
        {
            if (fileHandedOut)
            {
                throw DestinationIsFile(Path);
            }
            fileHandedOut = true;
            path = Path;
        }
        else
        {
            path = System.IO.Path.Join(Path, names.Next(playlist.Name, playlist.Id, ExportFormatWriter.FileExtension(Format)));
        }
        if (Directory.Exists(path))
        {
            throw new MusiVaultException("ExportDestinationIsFolder", ErrorKind.InvalidArgument,
                $"'{path}' is a folder; the export of playlist '{playlist.Name}' needs a file name there.", path);
        }
        if (!Force && File.Exists(path))
        {
            throw AtomicExportFile.FileExists(path);
        }
        return path;
    }

    /// <summary>Refuses, before anything is written, to put several playlists into one destination file.</summary>
    public void EnsureRoomFor(int playlistCount)
    {
        if (IsFile && (playlistCount > 1 || (playlistCount == 1 && fileHandedOut)))
        {
            throw DestinationIsFile(Path);
        }
    }

    private static MusiVaultException DestinationIsFile(string path) =>
        new("ExportDestinationIsFile", ErrorKind.InvalidArgument,
            $"The destination '{path}' is a file, which holds one playlist; give a folder to export several.", path);
}
