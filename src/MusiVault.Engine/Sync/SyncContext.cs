using MusiVault.Engine.Spotify;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Sync;

/// <summary>
/// Everything one sync run shares between its collection syncs: the client, the vault's stores, the run's history,
/// its warnings. Created per run and dropped with it; collection syncs keep no state of their own between runs.
/// </summary>
internal sealed class SyncContext : IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly List<string> _warnings = [];

    public SyncContext(SpotifyClient client, SyncOptions options, ISyncObserver observer, VaultSession vault, long runId)
    {
        Client = client;
        Options = options;
        Observer = observer;
        Vault = vault;
        History = vault.History(runId);
        Pages = new PageReader(options.PrefetchPages, options.MaxItemsPerRead);
    }

    public SpotifyClient Client { get; }
    public SyncOptions Options { get; }
    public ISyncObserver Observer { get; }
    public VaultSession Vault { get; }
    public HistoryWriter History { get; }
    public PageReader Pages { get; }

    public int WarningCount
    {
        get
        {
            lock (_warnings)
            {
                return _warnings.Count;
            }
        }
    }

    public string[] WarningsSince(int index)
    {
        lock (_warnings)
        {
            return _warnings.Skip(index).ToArray();
        }
    }

    /// <summary>A warning for the result and the observer. Called from playlist workers and image downloads at once.</summary>
    public void Warn(string message)
    {
        lock (_warnings)
        {
            _warnings.Add(message);
        }
        Observer.Warning(message);
    }

    /// <summary>One unit of work in one transaction; concurrent workers take turns.</summary>
    public async Task WriteAsync(Action work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Vault.InTransaction(work);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose() => _writeGate.Dispose();
}

/// <summary>One collection's pass within a run: whether it reads everything, and what it counted.</summary>
internal sealed class CollectionPass(SyncCollection collection, bool full)
{
    public SyncCollection Collection { get; } = collection;
    public string Name { get; } = collection.ToString();
    public bool Full { get; } = full;
    public SyncCollectionResult Counts { get; } = new() { Collection = collection.ToString() };

    /// <summary>Reads that failed on what Spotify answered (a playlist's items); the run is then "partial".</summary>
#pragma warning disable CA1051 // A field, for Interlocked from the playlist workers.
    public int FailedReads;
#pragma warning restore CA1051
}
