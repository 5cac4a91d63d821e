namespace MusiVault.Engine.Backup;

/// <summary>A private (0700) folder for one backup or restore's intermediate files, deleted with everything in it.</summary>
internal sealed class BackupWorkFolder : IDisposable
{
    private BackupWorkFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>Under <paramref name="parent"/> (a restore works next to its destination, so the final move is a rename), else in the temp folder.</summary>
    public static BackupWorkFolder Create(string? parent)
    {
        if (parent is null)
        {
            return new BackupWorkFolder(Directory.CreateTempSubdirectory("musivault-backup-").FullName);
        }
        var path = System.IO.Path.Combine(parent, $".musivault-work-{Guid.NewGuid():N}");
        Security.SecretFile.CreatePrivateDirectory(path);
        return new BackupWorkFolder(path);
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
