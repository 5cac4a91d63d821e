namespace MusiVault.Engine.Sync;

/// <summary>The bytes of every image URL the vault names and has not downloaded yet (Sync -DownloadImages).</summary>
internal static class ImageSync
{
    public static async Task RunAsync(SyncContext context, CollectionPass pass, CancellationToken cancellationToken)
    {
        var counts = pass.Counts;
        if (!context.Options.DownloadImages)
        {
            counts.Skipped = true;
            return;
        }
        var store = context.Vault.ImageData;
        var urls = store.UrlsWithoutData();
        counts.Unchanged = store.CountStored();
        var done = 0;
        var progressLock = new object();
        await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, context.Client.Options.MaxConcurrency), CancellationToken = cancellationToken },
            async (url, ct) =>
            {
                byte[] bytes;
                try
                {
                    bytes = await context.Client.DownloadAsync(new Uri(url), ct);
                }
                catch (MusiVaultException ex)
                {
                    context.Warn($"Image {url} could not be downloaded: {ex.Message}");
                    return;
                }
                await context.WriteAsync(() => store.Save(url, bytes), ct);
                lock (progressLock)
                {
                    counts.Added++;
                    done++;
                    context.Observer.Progress(pass.Name, "Downloading", done, urls.Count);
                }
            });
    }
}
