using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Sync;

/// <summary>
/// The incremental shortcut of the date-ordered saved collections: new saves appear at the head (newest first). Read
/// from the head until the first known item; if it and the rest of that page sit exactly where we stored them
/// (shifted by the number of new items) and the total agrees, only the head is new. Otherwise the caller reads all.
/// </summary>
internal static class SavedHead
{
    private enum Verdict
    {
        Unchanged,
        ReadMore,
        Differs,
    }

    /// <summary>True when the head was stored and nothing else changed.</summary>
    public static async Task<bool> TryAsync<T>(SavedCollectionSpec<T> spec, SyncContext context, CollectionPass pass,
        Dictionary<string, int> stored, CancellationToken cancellationToken)
        where T : class
    {
        var head = new List<SpotifySaved<T>>();
        var offset = 0;
        while (true)
        {
            var page = PageReader.Accept(await spec.FetchOffset!(context.Client, offset, cancellationToken));
            var verdict = Compare(spec, page, head, stored, offset);
            if (verdict == Verdict.Unchanged)
            {
                await context.WriteAsync(() => WriteHead(spec, context, pass, head, stored.Count), cancellationToken);
                return true;
            }
            var next = page.NextOffset ?? offset + page.RawItemCount;
            // The head is short (new saves since the last run): a next that does not move forward, or a head longer
            // than the margin a read allows, is left to the full read, which fails it properly.
            if (verdict == Verdict.ReadMore && page.HasNext && next > offset && next <= PageChain.Margin(stored.Count))
            {
                offset = next;
                continue;
            }
            context.Observer.Verbose($"{pass.Name}: changes beyond the newest items; reading the whole collection.");
            return false;
        }
    }

    private static Verdict Compare<T>(SavedCollectionSpec<T> spec, SpotifyPage<SpotifySaved<T>> page, List<SpotifySaved<T>> head,
        Dictionary<string, int> stored, int offset)
        where T : class
    {
        var anchorFound = false;
        for (var i = 0; i < page.Items.Count; i++)
        {
            var saved = page.Items[i];
            if (saved?.Item is null)
            {
                return Verdict.Differs;
            }
            var key = spec.Key(saved.Item);
            var index = offset + i;
            if (!anchorFound)
            {
                if (!stored.TryGetValue(key, out var known))
                {
                    head.Add(saved);
                    continue;
                }
                anchorFound = true;
                if (known != index - head.Count)
                {
                    return Verdict.Differs;
                }
            }
            else if (!stored.TryGetValue(key, out var known) || known != index - head.Count)
            {
                return Verdict.Differs;
            }
        }
        if (!anchorFound)
        {
            return page.HasNext ? Verdict.ReadMore : Verdict.Differs;
        }
        // Removals further down would only show in the total.
        return page.Total == stored.Count + head.Count ? Verdict.Unchanged : Verdict.Differs;
    }

    private static void WriteHead<T>(SavedCollectionSpec<T> spec, SyncContext context, CollectionPass pass, List<SpotifySaved<T>> head, int storedCount)
        where T : class
    {
        var vault = context.Vault;
        if (head.Count > 0)
        {
            vault.Saved.ShiftPositions(spec.Collection, head.Count);
        }
        for (var i = 0; i < head.Count; i++)
        {
            var item = head[i].Item!;
            var key = spec.Key(item);
            var name = spec.Name(item);
            context.History.Availability(spec.EntityType, key, spec.Upsert(vault.Entities, item), name);
            vault.Saved.Save(spec.Collection, key, head[i].AddedAt, i);
            pass.Counts.Added++;
            context.History.Membership(spec.EntityType, key, spec.AddedKind, name);
        }
        pass.Counts.Unchanged += storedCount;
    }
}
