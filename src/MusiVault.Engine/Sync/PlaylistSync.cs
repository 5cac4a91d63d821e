using MusiVault.Engine.Spotify;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Sync;

/// <summary>
/// The user's playlists: the listing (details, order, deletions) in one transaction, then the items of every playlist
/// whose snapshot changed (or all of them on a full pass), several playlists at once, each in its own transaction.
/// </summary>
internal static class PlaylistSync
{
    public static async Task RunAsync(SyncContext context, CollectionPass pass, CancellationToken cancellationToken)
    {
        var vault = context.Vault;
        var history = context.History;
        var counts = pass.Counts;
        var baseline = !vault.State.HasBaseline(SyncCollection.Playlists);
        var listed = await context.Pages.CollectAsync((offset, ct) => context.Client.GetMyPlaylistsPageAsync(offset, ct), cancellationToken);
        var stored = vault.Playlists.LoadAll();

        var changedPlaylists = new HashSet<string>(StringComparer.Ordinal);
        var listedIds = new HashSet<string>(StringComparer.Ordinal);
        await context.WriteAsync(() =>
        {
            for (var i = 0; i < listed.Count; i++)
            {
                var playlist = listed[i];
                if (!listedIds.Add(playlist.Id))
                {
                    continue;
                }
                stored.TryGetValue(playlist.Id, out var old);
                vault.Playlists.UpsertListed(playlist, i);
                if (old is null || old.Deleted)
                {
                    counts.Added++;
                    changedPlaylists.Add(playlist.Id);
                    if (!baseline)
                    {
                        history.PlaylistAdded(playlist.Id, playlist.Name);
                    }
                    continue;
                }
                if (old.Name != playlist.Name)
                {
                    history.PlaylistRenamed(playlist.Id, old.Name, playlist.Name);
                    changedPlaylists.Add(playlist.Id);
                }
                if (old.Description != playlist.Description)
                {
                    history.PlaylistDescriptionChanged(playlist.Id, playlist.Name, old.Description, playlist.Description);
                    changedPlaylists.Add(playlist.Id);
                }
            }

            foreach (var (id, old) in stored)
            {
                if (!old.Deleted && !listedIds.Contains(id))
                {
                    vault.Playlists.MarkDeleted(id);
                    history.PlaylistRemoved(id, old.Name);
                    counts.Removed++;
                }
            }
        }, cancellationToken);

        var toRead = ToRead(listed, stored, pass.Full);
        context.Observer.Verbose($"Playlists: {listedIds.Count} listed, {toRead.Count} to read.");
        var done = 0;
        await Parallel.ForEachAsync(toRead, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, context.Client.Options.MaxConcurrency), CancellationToken = cancellationToken },
            async (playlist, ct) =>
            {
                stored.TryGetValue(playlist.Id, out var old);
                bool changed;
                try
                {
                    changed = await PlaylistItemsSync.RunAsync(context, playlist, old, baseline || old is null || old.Deleted, ct);
                }
                catch (Exception ex) when (PageChain.IsFailedRead(ex))
                {
                    // One broken playlist must not cost the others: its entries stay as stored, its snapshot is not
                    // recorded, so the next run reads it again.
                    Interlocked.Increment(ref pass.FailedReads);
                    context.Warn($"The items of playlist '{playlist.Name}' ({playlist.Id}) were not read this run: {ex.Message}");
                    changed = false;
                }
                lock (changedPlaylists)
                {
                    if (changed)
                    {
                        changedPlaylists.Add(playlist.Id);
                    }
                    done++;
                    context.Observer.Progress(pass.Name, $"Reading items of '{playlist.Name}'", done, toRead.Count);
                }
            });

        await context.WriteAsync(() =>
        {
            foreach (var id in changedPlaylists)
            {
                vault.Playlists.MarkChanged(id);
            }
            if (baseline)
            {
                vault.State.MarkBaseline(SyncCollection.Playlists);
            }
        }, cancellationToken);
        counts.Changed = changedPlaylists.Count - counts.Added;
        counts.Unchanged = listedIds.Count - counts.Added - counts.Changed;
    }

    /// <summary>The playlists whose items must be read, longest first.</summary>
    private static List<SpotifyPlaylist> ToRead(List<SpotifyPlaylist> listed, Dictionary<string, StoredPlaylist> stored, bool full)
    {
        var toRead = new List<SpotifyPlaylist>();
        foreach (var playlist in listed.DistinctBy(p => p.Id))
        {
            stored.TryGetValue(playlist.Id, out var old);
            var knownRefused = old is { ItemsAvailable: 0 } && old.SnapshotId == playlist.SnapshotId;
            if (full || old is null || old.Deleted || old.ItemsSnapshotId is null || old.ItemsSnapshotId != playlist.SnapshotId)
            {
                if (!full && knownRefused)
                {
                    continue;
                }
                toRead.Add(playlist);
            }
        }
        // Longest first: a 10,000-entry playlist started last would read alone while the other workers sit idle.
        return toRead.OrderByDescending(p => p.ItemsTotal ?? 0).ToList();
    }
}
