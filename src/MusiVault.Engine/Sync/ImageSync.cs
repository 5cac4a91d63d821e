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
        var failedInARow = 0;
        var failed = 0;
        string? lastFailure = null;
        var progressLock = new object();
        // Images come from a CDN, not the API: when it cannot be reached (no route, DNS down, a proxy that blocks it),
        // every URL would spend the client's full retry budget, hours for a large library. A few failures in a row
        // stop the pass with one warning; what is left is downloaded by the next sync with -DownloadImages.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, context.Client.Options.MaxConcurrency), CancellationToken = stop.Token },
                async (url, ct) =>
                {
                    byte[] bytes;
                    try
                    {
                        bytes = await context.Client.DownloadAsync(new Uri(url), ct);
                    }
                    catch (MusiVaultException ex) when (ex.Category == ErrorKind.ConnectionError)
                    {
                        bool unreachable;
                        lock (progressLock)
                        {
                            lastFailure = ex.Message;
                            failed++;
                            unreachable = ++failedInARow >= UnreachableAfter;
                        }
                        if (unreachable)
                        {
                            await stop.CancelAsync();
                        }
                        return;
                    }
                    catch (MusiVaultException ex)
                    {
                        context.Warn($"Image {url} could not be downloaded: {ex.Message}");
                        return;
                    }
                    await context.WriteAsync(() => store.Save(url, bytes), ct);
                    lock (progressLock)
                    {
                        failedInARow = 0;
                        counts.Added++;
                        done++;
                        context.Observer.Progress(pass.Name, "Downloading", done, urls.Count);
                    }
                });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            context.Warn($"Stopped downloading images after {UnreachableAfter} failed in a row (last: {lastFailure}); " +
                $"{urls.Count - counts.Added} are left for the next sync with -DownloadImages.");
            return;
        }
        if (failed > 0)
        {
            context.Warn($"{failed} image(s) could not be downloaded (last: {lastFailure}); the next sync with -DownloadImages tries again.");
        }
    }

    /// <summary>Connection failures in a row (each after the client's retries) that end the image pass.</summary>
    internal const int UnreachableAfter = 3;
}
