using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Sync;

/// <summary>
/// One saved collection (liked songs, saved albums, shows, episodes, followed artists), on one path: a shortcut when
/// nothing changed, else a full read written page by page, then the removals. History starts after the first
/// complete pass (the baseline); a full read that was interrupted is redone before any shortcut is trusted again.
/// </summary>
internal static class SavedCollectionSync
{
    public static async Task RunAsync<T>(SavedCollectionSpec<T> spec, SyncContext context, CollectionPass pass, CancellationToken cancellationToken)
        where T : class
    {
        var collection = spec.Collection;
        var vault = context.Vault;
        var stored = vault.Saved.LoadCurrent(collection);
        var baseline = !vault.State.HasBaseline(collection);
        // Until a first complete pass (the baseline) exists, nothing can be trusted to be in place; neither can it
        // after a full read that was interrupted (its pages moved positions, but removals were not marked yet).
        var trusted = !pass.Full && !baseline && !vault.State.IsReading(collection);

        IAsyncEnumerable<SpotifyPage<SpotifySaved<T>>> pages;
        if (spec.FetchCursor is { } fetchCursor)
        {
            var first = await fetchCursor(context.Client, null, cancellationToken);
            if (trusted && FirstPageUnchanged(spec, first, stored))
            {
                pass.Counts.Unchanged = stored.Count;
                return;
            }
            pages = context.Pages.FollowCursorAsync((after, ct) => fetchCursor(context.Client, after, ct), first, cancellationToken);
        }
        else
        {
            var fetch = spec.FetchOffset!;
            if (trusted && stored.Count > 0 && await SavedHead.TryAsync(spec, context, pass, stored, cancellationToken))
            {
                return;
            }
            pages = context.Pages.ReadAllAsync((offset, ct) => fetch(context.Client, offset, ct), cancellationToken);
        }
        await ReadAllAsync(spec, context, pass, stored, baseline, pages, cancellationToken);
    }

    /// <summary>
    /// Spotify gives no follow dates to order by, but the list's order is stable: when the first page holds the items
    /// we stored there, in that order, and the total agrees, nothing changed (a full pass checks all).
    /// </summary>
    private static bool FirstPageUnchanged<T>(SavedCollectionSpec<T> spec, SpotifyPage<SpotifySaved<T>> page, Dictionary<string, int> stored)
        where T : class
    {
        var storedOrder = stored.OrderBy(s => s.Value).Select(s => s.Key).ToList();
        return page.Total == storedOrder.Count
            && page.Items.Count <= storedOrder.Count
            && page.Items.Select(s => s.Item is null ? null : spec.Key(s.Item)).SequenceEqual(storedOrder.Take(page.Items.Count));
    }

    private static async Task ReadAllAsync<T>(SavedCollectionSpec<T> spec, SyncContext context, CollectionPass pass,
        Dictionary<string, int> stored, bool baseline, IAsyncEnumerable<SpotifyPage<SpotifySaved<T>>> pages, CancellationToken cancellationToken)
        where T : class
    {
        var collection = spec.Collection;
        var vault = context.Vault;
        var history = context.History;
        var counts = pass.Counts;
        await context.WriteAsync(() => vault.State.StartReading(collection), cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        await foreach (var page in pages)
        {
            await context.WriteAsync(() =>
            {
                foreach (var saved in page.Items)
                {
                    var pos = position++;
                    if (saved?.Item is null)
                    {
                        continue;
                    }
                    var key = spec.Key(saved.Item);
                    if (!seen.Add(key))
                    {
                        continue; // an item moved between pages while we read; the first sighting wins
                    }
                    var name = spec.Name(saved.Item);
                    history.Availability(spec.EntityType, key, spec.Upsert(vault.Entities, saved.Item), name);
                    vault.Saved.Save(collection, key, saved.AddedAt, pos);
                    if (stored.ContainsKey(key))
                    {
                        counts.Unchanged++;
                    }
                    else
                    {
                        counts.Added++;
                        if (!baseline)
                        {
                            history.Membership(spec.EntityType, key, spec.AddedKind, name);
                        }
                    }
                }
            }, cancellationToken);
            context.Observer.Progress(pass.Name, "Reading", position, page.Total);
        }

        await context.WriteAsync(() =>
        {
            foreach (var key in stored.Keys.Where(k => !seen.Contains(k)))
            {
                vault.Saved.MarkRemoved(collection, key);
                counts.Removed++;
                if (!baseline)
                {
                    history.Membership(spec.EntityType, key, spec.RemovedKind, history.NameOf(spec.EntityType, key));
                }
            }
            if (baseline)
            {
                vault.State.MarkBaseline(collection);
            }
            vault.State.EndReading(collection);
        }, cancellationToken);
    }
}
