using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Restore;

/// <summary>
/// Saved items back into the account: the contains check finds what it lacks (planning, no write), then PUT
/// /me/library saves them 40 a request in the plan's order (liked songs oldest first). Saving is idempotent, so a rerun
/// duplicates nothing. A batch Spotify refuses is retried item by item, so one refused item never fails the run.
/// </summary>
internal static class LibraryRestorer
{
    public static async Task<(List<RestoreItem> Missing, int Present)> MissingAsync(SpotifyClient client, IReadOnlyList<RestoreItem> items,
        CancellationToken cancellationToken)
    {
        var missing = new List<RestoreItem>();
        foreach (var batch in items.Chunk(SpotifyClient.LibraryLimit))
        {
            var contains = await client.LibraryContainsAsync(batch.Select(i => i.Uri).ToList(), cancellationToken);
            missing.AddRange(batch.Where((_, i) => !contains[i]));
        }
        return (missing, items.Count - missing.Count);
    }

    public static async Task<RestoreResult> RunAsync(SpotifyClient client, RestorePlan plan, CancellationToken cancellationToken)
    {
        var skipped = new List<RestoreSkip>(plan.Skipped);
        var added = 0;
        var requests = 0;
        foreach (var batch in plan.Items.Chunk(SpotifyClient.LibraryLimit))
        {
            try
            {
                requests++;
                await client.SaveToLibraryAsync(batch.Select(i => i.Uri).ToList(), cancellationToken);
                added += batch.Length;
            }
            catch (MusiVaultException ex) when (ex.Category is ErrorKind.InvalidArgument or ErrorKind.ObjectNotFound or ErrorKind.PermissionDenied
                                                && ex.ErrorId != "SpotifyScopeMissing")
            {
                foreach (var item in batch)
                {
                    try
                    {
                        requests++;
                        await client.SaveToLibraryAsync([item.Uri], cancellationToken);
                        added++;
                    }
                    catch (MusiVaultException one) when (one.Category is ErrorKind.InvalidArgument or ErrorKind.ObjectNotFound or ErrorKind.PermissionDenied
                                                          && one.ErrorId != "SpotifyScopeMissing")
                    {
                        skipped.Add(new RestoreSkip { Position = item.Position, Uri = item.Uri, Name = item.Name, Reason = "Spotify refused it: " + one.Message });
                    }
                }
            }
        }
        return new RestoreResult
        {
            Kind = plan.Kind,
            Source = plan.Source,
            AsOf = plan.AsOf,
            TargetName = plan.TargetName,
            Planned = plan.Items.Count + plan.AlreadyPresent,
            Added = added,
            AlreadyPresent = plan.AlreadyPresent,
            Skipped = [.. skipped],
            Requests = requests,
        };
    }
}
