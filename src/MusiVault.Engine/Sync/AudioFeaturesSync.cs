namespace MusiVault.Engine.Sync;

/// <summary>Audio features of stored tracks that have none yet; remembered as refused when Spotify refuses this app.</summary>
internal static class AudioFeaturesSync
{
    private const int BatchSize = 100;

    public static async Task RunAsync(SyncContext context, CollectionPass pass, CancellationToken cancellationToken)
    {
        var vault = context.Vault;
        var counts = pass.Counts;
        if (!pass.Full && vault.State.AudioFeaturesRefused)
        {
            counts.Skipped = true;
            context.Observer.Verbose("AudioFeatures: not available to this app (remembered); a full sync asks again.");
            return;
        }
        var ids = vault.AudioFeatures.TracksWithout();
        for (var start = 0; start < ids.Count; start += BatchSize)
        {
            var batch = ids.Skip(start).Take(BatchSize).ToList();
            var result = await context.Client.GetAudioFeaturesAsync(batch, cancellationToken);
            if (!result.IsAvailable)
            {
                var firstTime = !vault.State.AudioFeaturesRefused;
                await context.WriteAsync(() => vault.State.SetAudioFeaturesRefused(true), cancellationToken);
                counts.Skipped = true;
                if (firstTime)
                {
                    context.Warn($"Audio features are not available to this app ({result.UnavailableReason}); Spotify no longer serves them to new apps. Skipped.");
                }
                return;
            }
            await context.WriteAsync(() =>
            {
                foreach (var features in result.Value!)
                {
                    if (features is null)
                    {
                        continue;
                    }
                    vault.AudioFeatures.Save(features);
                    counts.Added++;
                }
                vault.State.SetAudioFeaturesRefused(false);
            }, cancellationToken);
        }
    }
}
