using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Sync;

/// <summary>Top artists and tracks per time range: a new capture whenever a ranking differs from the last one.</summary>
internal static class TopItemsSync
{
    public static async Task RunAsync(SyncContext context, CollectionPass pass, long runId, CancellationToken cancellationToken)
    {
        var vault = context.Vault;
        var top = vault.TopItems(runId);
        foreach (var range in Enum.GetValues<VaultTimeRange>())
        {
            var rangeName = TimeRangeText.ToText(range);
            // The two lists of a range are independent: read them side by side.
            var artistsTask = context.Pages.CollectAsync((offset, ct) => context.Client.GetTopArtistsPageAsync(range, offset, ct), cancellationToken, requireComplete: false);
            var tracksTask = context.Pages.CollectAsync((offset, ct) => context.Client.GetTopTracksPageAsync(range, offset, ct), cancellationToken, requireComplete: false);
            var artists = await artistsTask;
            var tracks = await tracksTask;
            await context.WriteAsync(() =>
            {
                foreach (var artist in artists)
                {
                    vault.Entities.UpsertArtist(artist);
                }
                foreach (var track in tracks)
                {
                    vault.Entities.UpsertPlayable(track);
                }
                WriteCapture("artist", artists.Select(a => a.Id).ToList());
                WriteCapture("track", tracks.Select(t => t.Uri).ToList());
            }, cancellationToken);

            void WriteCapture(string type, List<string> keys)
            {
                var last = top.LastCapture(type, rangeName);
                if (last.SequenceEqual(keys, StringComparer.Ordinal) && (last.Count > 0 || vault.State.HasTopCapture(type, rangeName)))
                {
                    pass.Counts.Unchanged++;
                    return;
                }
                top.AddCapture(type, rangeName, keys);
                vault.State.MarkTopCapture(type, rangeName);
                if (last.Count == 0)
                {
                    pass.Counts.Added++;
                }
                else
                {
                    pass.Counts.Changed++;
                }
            }
        }
    }
}
