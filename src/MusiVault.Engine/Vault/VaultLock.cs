namespace MusiVault.Engine.Vault;

/// <summary>
/// One writer of a whole vault at a time (a sync, a restore over it): an exclusive lock on &lt;real path&gt;.sync-lock.
/// The path is the vault's real path, symbolic links resolved (in the folders and the file name), so a sync on
/// vault.db and one on link.db → vault.db take the same lock. The operating system releases it when the process dies,
/// so a killed sync never leaves the vault locked. Readers do not take it (WAL lets them read).
/// </summary>
internal sealed class VaultLock : IDisposable
{
    private readonly FileStream _stream;

    private VaultLock(FileStream stream, string realPath)
    {
        _stream = stream;
        RealPath = realPath;
    }

    /// <summary>The vault's resolved path the lock is taken on.</summary>
    public string RealPath { get; }

    public static string LockPath(string vaultPath) => RealPathOf(vaultPath) + ".sync-lock";

    public static async Task<VaultLock> AcquireAsync(string vaultPath, bool wait, Action<string>? onWaiting, CancellationToken cancellationToken)
    {
        var realPath = RealPathOf(vaultPath);
        var path = realPath + ".sync-lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var told = false;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new VaultLock(stream, realPath);
            }
            catch (IOException ex) when (VaultErrors.Translate(ex, vaultPath) is { } vaultError)
            {
                throw vaultError;
            }
            catch (IOException) when (wait)
            {
                if (!told)
                {
                    onWaiting?.Invoke($"Another sync or restore is running on '{vaultPath}'; waiting for it to finish.");
                    told = true;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new MusiVaultException("VaultLocked", ErrorKind.ResourceBusy,
                    $"Another Sync-SpotifyLibrary or Restore-VaultFromDrive is running on '{vaultPath}'" +
                    (realPath == Path.GetFullPath(vaultPath) ? "" : $" (the same vault as '{realPath}')") +
                    ". Wait for it to finish, or use -Wait with Sync-SpotifyLibrary.", vaultPath, ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw VaultErrors.ReadOnly(vaultPath, ex);
            }
        }
    }

    /// <summary>
    /// The path with every symbolic link resolved, component by component (a file that does not exist yet keeps its
    /// name under its resolved folder). Loops of links give up after a bound and keep the path as far as resolved.
    /// </summary>
    public static string RealPathOf(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var pending = new Stack<string>(Enumerable.Reverse(parts));
        var current = root;
        var hops = 0;
        while (pending.Count > 0)
        {
            var candidate = Path.Combine(current, pending.Pop());
            FileSystemInfo info = Directory.Exists(candidate) ? new DirectoryInfo(candidate) : new FileInfo(candidate);
            if (info.LinkTarget is { } target && ++hops <= 40)
            {
                // Resolve the target against the link's folder and walk its components again.
                var resolved = Path.GetFullPath(target, current);
                var resolvedRoot = Path.GetPathRoot(resolved) ?? "/";
                foreach (var part in Enumerable.Reverse(resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)))
                {
                    pending.Push(part);
                }
                current = resolvedRoot;
                continue;
            }
            current = candidate;
        }
        return current;
    }

    public void Dispose() => _stream.Dispose();
}
