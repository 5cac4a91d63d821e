namespace MusiVault.Engine.Sync;

public sealed class SyncOptions
{
    public required string VaultPath { get; init; }

    public IReadOnlyCollection<SyncCollection> Collections { get; init; } = DefaultCollections;

    /// <summary>Read everything, ignoring snapshot ids and the incremental shortcuts.</summary>
    public bool Full { get; init; }

    public bool DownloadImages { get; init; }

    /// <summary>Wait for another sync of the same vault instead of failing with VaultLocked.</summary>
    public bool WaitForLock { get; init; }

    /// <summary>A full pass runs by itself when the last one is older than this (snapshot_id is not fully reliable).</summary>
    public TimeSpan FullSyncInterval { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Pages of one collection requested ahead of the one being written.</summary>
    public int PrefetchPages { get; init; } = 8;

    /// <summary>The most items one read of a collection takes before it is an endless chain (tests make it small).</summary>
    internal int MaxItemsPerRead { get; init; } = PageReader.DefaultMaxItems;

    public static IReadOnlyCollection<SyncCollection> DefaultCollections { get; } =
        Enum.GetValues<SyncCollection>().Where(c => c != SyncCollection.Images).ToArray();
}

/// <summary>How the engine talks to whoever runs it (the cmdlet writes these on the pipeline thread).</summary>
public interface ISyncObserver
{
    void Progress(string collection, string status, int done, int? total);

    void Warning(string message);

    void Verbose(string message);

    /// <summary>Collection <paramref name="index"/> (0-based) of <paramref name="count"/> starts: overall progress of the run.</summary>
    void CollectionStarted(int index, int count, string collection)
    {
    }

    /// <summary>Spotify answered 429: no request is sent for <paramref name="wait"/>.</summary>
    void RateLimited(TimeSpan wait)
    {
    }
}
