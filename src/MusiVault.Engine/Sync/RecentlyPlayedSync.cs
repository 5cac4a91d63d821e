namespace MusiVault.Engine.Sync;

/// <summary>Recently played tracks: what is newer than the last stored play (Spotify keeps about the last 50).</summary>
internal static class RecentlyPlayedSync
{
    private const int MaxPages = 20;

    public static async Task RunAsync(SyncContext context, CollectionPass pass, CancellationToken cancellationToken)
    {
        var vault = context.Vault;
        var counts = pass.Counts;
        long? afterMs = vault.Plays.LastPlayedAt()?.ToUnixTimeMilliseconds();
        var page = await context.Client.GetRecentlyPlayedPageAsync(afterMs, null, cancellationToken);
        var pages = 1;
        while (true)
        {
            var current = page;
            await context.WriteAsync(() =>
            {
                foreach (var play in current.Items)
                {
                    if (play is null)
                    {
                        continue;
                    }
                    if (vault.Plays.Add(play))
                    {
                        counts.Added++;
                    }
                    else
                    {
                        counts.Unchanged++;
                    }
                }
            }, cancellationToken);
            // A full page after our last known play may hide older new plays: walk back with `before`.
            var oldest = current.Items.Where(p => p is not null).Select(p => p.PlayedAt.ToUnixTimeMilliseconds()).DefaultIfEmpty(0).Min();
            if (current.RawItemCount < PageReader.PageSize || !current.HasNext || (afterMs is not null && oldest <= afterMs) || pages >= MaxPages)
            {
                break;
            }
            page = await context.Client.GetRecentlyPlayedPageAsync(null, oldest, cancellationToken);
            pages++;
        }
    }
}
