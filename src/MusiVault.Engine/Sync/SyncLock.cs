namespace MusiVault.Engine.Sync;

/// <summary>
/// One sync at a time per vault: an exclusive lock on &lt;vault&gt;.sync-lock. The operating system releases it when
/// the process dies, so a killed sync never leaves the vault locked. Readers do not take it (WAL lets them read).
/// </summary>
public sealed class SyncLock : IDisposable
{
    private readonly FileStream _stream;

    private SyncLock(FileStream stream) => _stream = stream;

    public static string LockPath(string vaultPath) => vaultPath + ".sync-lock";

    public static async Task<SyncLock> AcquireAsync(string vaultPath, bool wait, Action<string>? onWaiting, CancellationToken cancellationToken)
    {
        var path = LockPath(vaultPath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var told = false;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new SyncLock(stream);
            }
            catch (IOException) when (wait)
            {
                if (!told)
                {
                    onWaiting?.Invoke($"Another sync is running on '{vaultPath}'; waiting for it to finish.");
                    told = true;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new MusiVaultException("VaultLocked", ErrorKind.ResourceBusy,
                    $"Another Sync-SpotifyLibrary is running on '{vaultPath}'. Wait for it to finish, or use -Wait.", vaultPath, ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
