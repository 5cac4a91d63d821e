using System.Diagnostics;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Spotify.Auth;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Sync;

/// <summary>
/// Reads the user's library from Spotify into the vault: one run, then discard. Each collection is read incrementally
/// unless a full pass is due; every unit of work (one page batch, one playlist) commits in its own transaction, so a
/// sync killed at any point leaves a consistent vault and the next run converges to what an uninterrupted run would
/// have stored. History rows are written for what changed since the collection's first complete pass (the baseline).
/// The collections themselves are one class each in this folder; this class only runs them in order and records the run.
/// </summary>
public sealed class SyncEngine
{
    private readonly SpotifyClient _client;
    private readonly SpotifySession? _session;
    private readonly SyncOptions _options;
    private readonly ISyncObserver _observer;

    public SyncEngine(SpotifySession session, SyncOptions options, ISyncObserver observer)
        : this((session ?? throw new ArgumentNullException(nameof(session))).Client, options, observer)
    {
        _session = session;
    }

    internal SyncEngine(SpotifyClient client, SyncOptions options, ISyncObserver observer)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observer);
        _client = client;
        _options = options;
        _observer = observer;
    }

    public async Task<SyncResult> RunAsync(CancellationToken cancellationToken)
    {
        var vaultPath = Path.GetFullPath(_options.VaultPath);
        if (_options.Collections.Count == 0)
        {
            // Checked before the vault is opened: an empty selection is a mistake, not a run worth recording.
            throw new MusiVaultException("NothingToSync", ErrorKind.InvalidArgument,
                "No collection is selected: -Exclude removed every collection -Include named. Nothing was synced or recorded.", vaultPath);
        }
        try
        {
            return await RunLockedAsync(vaultPath, cancellationToken);
        }
        catch (Exception ex) when (VaultErrors.Translate(ex, vaultPath) is { } vaultError)
        {
            throw vaultError;
        }
    }

    private async Task<SyncResult> RunLockedAsync(string vaultPath, CancellationToken cancellationToken)
    {
        // Before anything is written, even the lock file: the login is renewed and the vault checked (SyncPreflight).
        var checkedAs = await SyncPreflight.RunAsync(_session, vaultPath, _options.Full, _observer, cancellationToken);

        var waited = false;
        using var vaultLock = await VaultLock.AcquireAsync(vaultPath, _options.WaitForLock, message =>
        {
            waited = true;
            _observer.Warning(message);
        }, cancellationToken);
        var started = DateTimeOffset.UtcNow;
        using var vault = VaultSession.Open(vaultPath, started);
        // A full pass is due per collection (a partial sync with -Include must not make every later one full).
        var selected = Enum.GetValues<SyncCollection>().Where(_options.Collections.Contains).ToList();
        var fullDue = selected.ToDictionary(c => c, c => _options.Full || IsFullSyncDue(vault.State.LastFullSync(c), started));
        var allFull = fullDue.Count > 0 && fullDue.Values.All(f => f);
        var thorough = fullDue.Values.Any(f => f);
        // Checked again on the writer when the early check could not run (no file yet, or one the writer will report
        // on), when another run wrote while this one waited for the lock, or when a full pass is due and the early
        // check left a large listening history to quick_check.
        if (checkedAs is null || waited || (thorough && checkedAs == IntegrityCheckKind.Partial))
        {
            vault.CheckIntegrity(thorough);
        }
        var runId = vault.Runs.Start(allFull);
        if (!_options.Full && thorough)
        {
            _observer.Verbose($"Full pass of {string.Join(", ", fullDue.Where(f => f.Value).Select(f => f.Key))}: never done, or older than {_options.FullSyncInterval.TotalDays:0} days.");
        }

        using var context = new SyncContext(_client, _options, _observer, vault, runId);
        var result = new SyncResult { RunId = runId, Vault = vaultPath, Full = allFull, StartedAt = started };
        var collections = new List<SyncCollectionResult>();
        var statsAtStart = _client.GetStats();
        var status = "failed";
        var partial = false;
        string? error = null;
        _client.RateLimited += _observer.RateLimited;
        try
        {
            for (var index = 0; index < selected.Count; index++)
            {
                var collection = selected[index];
                cancellationToken.ThrowIfCancellationRequested();
                _observer.CollectionStarted(index, selected.Count, collection.ToString());
                var pass = new CollectionPass(collection, fullDue[collection]);
                var (counts, complete) = await RunCollectionWithRetryAsync(context, pass, runId, cancellationToken);
                collections.Add(counts);
                partial |= !complete;
                if (pass.Full && complete)
                {
                    vault.InTransaction(() => vault.State.MarkFullSync(collection));
                }
            }
            WarnTruncated(context, statsAtStart);
            // "partial": a collection (or one playlist's items) was skipped because Spotify's answer could not be
            // trusted; its warning says which and why. What was stored for it is unchanged.
            status = partial ? "partial" : "succeeded";
        }
        catch (OperationCanceledException)
        {
            status = "cancelled";
            throw;
        }
        catch (Exception ex)
        {
            error = ex.Message;
            throw;
        }
        finally
        {
            _client.RateLimited -= _observer.RateLimited;
            var ended = DateTimeOffset.UtcNow;
            var stats = _client.GetStats();
            result.Status = status;
            result.EndedAt = ended;
            result.DurationValue = ended - started;
            result.Collections = collections.ToArray();
            result.Added = collections.Sum(c => c.Added);
            result.Removed = collections.Sum(c => c.Removed);
            result.Changed = collections.Sum(c => c.Changed);
            result.Unchanged = collections.Sum(c => c.Unchanged);
            result.Requests = stats.TotalRequests - statsAtStart.TotalRequests;
            result.Throttled = stats.RateLimited - statsAtStart.RateLimited;
            result.Warnings = context.WarningsSince(0);
            FinishRun(vault, result, error);
        }
        return result;
    }

    private bool IsFullSyncDue(DateTimeOffset? lastFull, DateTimeOffset now) =>
        lastFull is null || now - lastFull.Value >= _options.FullSyncInterval;

    private void FinishRun(VaultSession vault, SyncResult result, string? error)
    {
        try
        {
            vault.Runs.Finish(result, error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _observer.Warning($"Could not record the end of sync run {result.RunId}: {ex.Message}");
        }
    }

    /// <summary>
    /// Runs one collection; a read that failed on what Spotify answered is tried once more (a passing glitch), then the
    /// collection is skipped for this run with a warning. Removals are only ever recorded after a complete read, so a
    /// skipped collection keeps what was stored. Returns whether the collection was read completely.
    /// </summary>
    private async Task<(SyncCollectionResult Counts, bool Complete)> RunCollectionWithRetryAsync(SyncContext context, CollectionPass pass,
        long runId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var counts = await RunCollectionAsync(context, pass, runId, cancellationToken);
                return (counts, pass.FailedReads == 0);
            }
            catch (Exception ex) when (PageChain.IsFailedRead(ex) && attempt == 1)
            {
                _observer.Verbose($"{pass.Name}: {ex.Message} Reading it once more.");
                pass = new CollectionPass(pass.Collection, pass.Full);
            }
            catch (Exception ex) when (PageChain.IsFailedRead(ex))
            {
                context.Warn($"{pass.Name} was not synced this run: {ex.Message} What the vault holds for it is unchanged.");
                pass.Counts.Skipped = true;
                pass.Counts.Warnings = context.WarningsSince(context.WarningCount - 1);
                return (pass.Counts, false);
            }
        }
    }

    private void WarnTruncated(SyncContext context, SpotifyClientStats atStart)
    {
        var truncated = _client.GetStats().TruncatedFields - atStart.TruncatedFields;
        if (truncated > 0)
        {
            context.Warn($"{truncated} name(s) or description(s) from Spotify were longer than {Spotify.Json.SpotifyBounds.MaxTextChars:N0} characters and were stored cut to that length.");
        }
    }

    private async Task<SyncCollectionResult> RunCollectionAsync(SyncContext context, CollectionPass pass, long runId, CancellationToken cancellationToken)
    {
        var counts = pass.Counts;
        var before = _client.GetStats();
        var watch = Stopwatch.StartNew();
        var warningsBefore = context.WarningCount;
        _observer.Progress(pass.Name, "Reading", 0, null);
        var work = pass.Collection switch
        {
            SyncCollection.Profile => ProfileSync.RunAsync(context, pass, cancellationToken),
            SyncCollection.LikedSongs => SavedCollectionSync.RunAsync(SavedCollections.LikedSongs, context, pass, cancellationToken),
            SyncCollection.Playlists => PlaylistSync.RunAsync(context, pass, cancellationToken),
            SyncCollection.SavedAlbums => SavedCollectionSync.RunAsync(SavedCollections.SavedAlbums, context, pass, cancellationToken),
            SyncCollection.SavedShows => SavedCollectionSync.RunAsync(SavedCollections.SavedShows, context, pass, cancellationToken),
            SyncCollection.SavedEpisodes => SavedCollectionSync.RunAsync(SavedCollections.SavedEpisodes, context, pass, cancellationToken),
            SyncCollection.FollowedArtists => SavedCollectionSync.RunAsync(SavedCollections.FollowedArtists, context, pass, cancellationToken),
            SyncCollection.TopItems => TopItemsSync.RunAsync(context, pass, runId, cancellationToken),
            SyncCollection.RecentlyPlayed => RecentlyPlayedSync.RunAsync(context, pass, cancellationToken),
            SyncCollection.AudioFeatures => AudioFeaturesSync.RunAsync(context, pass, cancellationToken),
            SyncCollection.Images => ImageSync.RunAsync(context, pass, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(pass), pass.Collection, "Unknown collection."),
        };
        await work;
        var after = _client.GetStats();
        counts.Requests = after.TotalRequests - before.TotalRequests;
        counts.Throttled = after.RateLimited - before.RateLimited;
        counts.DurationValue = watch.Elapsed;
        counts.Warnings = context.WarningsSince(warningsBefore);
        _observer.Progress(pass.Name, "Done", counts.Added + counts.Changed + counts.Unchanged, null);
        _observer.Verbose($"{pass.Name}: {counts.Added} added, {counts.Removed} removed, {counts.Changed} changed, {counts.Unchanged} unchanged; {counts.Requests} requests in {counts.DurationValue.TotalSeconds:0.0} s.");
        return counts;
    }
}
