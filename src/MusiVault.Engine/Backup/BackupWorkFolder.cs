using System.Diagnostics;
using System.Globalization;
using MusiVault.Engine.Security;

namespace MusiVault.Engine.Backup;

/// <summary>
/// A private (0700) folder for one backup or restore's intermediate files (the plaintext snapshot, its gzip, the
/// decrypted download), deleted with everything in it on every path the process survives. A killed process cannot
/// clean up, so each folder carries a marker file, held under an exclusive lock while its owner runs (the operating
/// system drops the lock when the process dies); the next backup or restore in that place removes the folders whose
/// marker is no longer locked. Folders without our marker are never touched.
/// </summary>
internal sealed class BackupWorkFolder : IDisposable
{
    public const string TempPrefix = "musivault-backup-";
    public const string SiblingPrefix = ".musivault-work-";
    public const string MarkerName = "musivault-work.owner";

    private readonly FileStream _marker;

    private BackupWorkFolder(string path, FileStream marker)
    {
        Path = path;
        _marker = marker;
    }

    public string Path { get; }

    /// <summary>Under <paramref name="parent"/> (a restore works next to its destination, so the final move is a rename), else in the temp folder.</summary>
    public static BackupWorkFolder Create(string? parent, Action<string>? log = null)
    {
        var where = parent ?? System.IO.Path.GetTempPath();
        var prefix = parent is null ? TempPrefix : SiblingPrefix;
        RemoveStale(where, prefix, log);
        var path = System.IO.Path.Combine(where, prefix + Guid.NewGuid().ToString("N"));
        PrivateFileSystem.CreateDirectory(path);
        try
        {
            var marker = new FileStream(System.IO.Path.Combine(path, MarkerName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            try
            {
                using var process = Process.GetCurrentProcess();
                var owner = string.Create(CultureInfo.InvariantCulture, $"pid={Environment.ProcessId}\nstarted={process.StartTime.ToUniversalTime():O}\n");
                marker.Write(System.Text.Encoding.UTF8.GetBytes(owner));
                marker.Flush();
                return new BackupWorkFolder(path, marker);
            }
            catch
            {
                marker.Dispose();
                throw;
            }
        }
        catch
        {
            TryDelete(path);
            throw;
        }
    }

    /// <summary>
    /// Removes work folders of earlier runs that were killed: ours (the marker is there) and unowned (its lock can be
    /// taken, so no live process holds it). Best effort: a folder that cannot be removed now is tried again next time.
    /// </summary>
    public static int RemoveStale(string where, string prefix, Action<string>? log = null)
    {
        var removed = 0;
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(where, prefix + "*").ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
        foreach (var folder in candidates)
        {
            var marker = System.IO.Path.Combine(folder, MarkerName);
            if (!System.IO.File.Exists(marker))
            {
                continue;
            }
            try
            {
                using (new FileStream(marker, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }
            }
            catch (IOException)
            {
                continue; // locked: its owner is running
            }
            catch (UnauthorizedAccessException)
            {
                continue; // another user's
            }
            if (TryDelete(folder))
            {
                removed++;
                log?.Invoke($"Removed the work folder '{folder}' a killed backup or restore left behind.");
            }
        }
        return removed;
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // Delete first (the lock keeps another run's cleanup away meanwhile), then let go of the marker.
        TryDelete(Path);
        _marker.Dispose();
        TryDelete(Path);
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
