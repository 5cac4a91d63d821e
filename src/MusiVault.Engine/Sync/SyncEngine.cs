using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Sync;

public sealed class SyncOptions
{
    public required string VaultPath { get; init; }

    public IReadOnlyCollection<SyncCollection> Collections { get; init; } = DefaultCollections;

    /// <summary>Read everything, ignoring snapshot ids and the incremental shortcuts.</summary>
    public bool Full { get; init; }

    public bool DownloadImages { get; init; }

    /// <summary>Wait for another sync of the same vault instead of failing with VaultLocked.</summary>
    public bool WaitForLock { get; init; }

    /// <summary>A full pass runs by itself when the last one is older than this (snapshot_id is not fully reliable).</summary>
    public TimeSpan FullSyncInterval { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Pages of one collection requested ahead of the one being written.</summary>
    public int PrefetchPages { get; init; } = 8;

    public static IReadOnlyCollection<SyncCollection> DefaultCollections { get; } =
        Enum.GetValues<SyncCollection>().Where(c => c != SyncCollection.Images).ToArray();
}

/// <summary>How the engine talks to whoever runs it (the cmdlet writes these on the pipeline thread).</summary>
public interface ISyncObserver
{
    void Progress(string collection, string status, int done, int? total);

    void Warning(string message);

    void Verbose(string message);
}

/// <summary>
/// Reads the user's library from Spotify into the vault. Each collection is read incrementally unless a full pass
/// is due; every unit of work (one page batch, one playlist) commits in its own transaction, so a sync killed at any
/// point leaves a consistent vault and the next run converges to what an uninterrupted run would have stored.
/// History rows are written for what changed since the collection's first complete pass (the baseline).
/// </summary>
public sealed class SyncEngine
{
    private const int PageSize = 50;

    private readonly SpotifyClient _client;
    private readonly SyncOptions _options;
    private readonly ISyncObserver _observer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly List<string> _warnings = [];
    private VaultWriter _writer = null!;
    private long _runId;
    private bool _full;

    public SyncEngine(SpotifyClient client, SyncOptions options, ISyncObserver observer)
    {
        _client = client;
        _options = options;
        _observer = observer;
    }

    public async Task<SyncResult> RunAsync(CancellationToken cancellationToken)
    {
        var vaultPath = Path.GetFullPath(_options.VaultPath);
        using var vaultLock = await SyncLock.AcquireAsync(vaultPath, _options.WaitForLock, _observer.Warning, cancellationToken);
        using var connection = VaultDatabase.Open(vaultPath);
        var started = DateTimeOffset.UtcNow;
        using var writer = new VaultWriter(connection, VaultWriter.Timestamp(started));
        _writer = writer;

        // A full pass is due per collection (a partial sync with -Include must not make every later one full).
        var selected = Enum.GetValues<SyncCollection>().Where(_options.Collections.Contains).ToList();
        var fullDue = selected.ToDictionary(c => c, c => _options.Full || IsFullSyncDue(c, started));
        var allFull = fullDue.Count > 0 && fullDue.Values.All(f => f);
        _runId = _writer.InTransaction(() =>
        {
            // We hold the lock: a run still marked running was killed.
            _writer.Execute("UPDATE sync_runs SET status = 'interrupted' WHERE status = 'running'");
            _writer.Execute("INSERT INTO sync_runs (started_at, status, full_sync) VALUES ($1, 'running', $2)", _writer.Now, allFull ? 1 : 0);
            return (long)_writer.Scalar("SELECT last_insert_rowid()")!;
        });
        if (!_options.Full && fullDue.Values.Any(f => f))
        {
            _observer.Verbose($"Full pass of {string.Join(", ", fullDue.Where(f => f.Value).Select(f => f.Key))}: never done, or older than {_options.FullSyncInterval.TotalDays:0} days.");
        }

        var result = new SyncResult { RunId = _runId, Vault = vaultPath, Full = allFull, StartedAt = started };
        var collections = new List<SyncCollectionResult>();
        var statsAtStart = _client.GetStats();
        string status = "failed";
        string? error = null;
        try
        {
            foreach (var collection in Enum.GetValues<SyncCollection>())
            {
                if (!_options.Collections.Contains(collection))
                {
                    continue;
                }
                cancellationToken.ThrowIfCancellationRequested();
                _full = fullDue[collection];
                collections.Add(await RunCollectionAsync(collection, cancellationToken));
                if (_full)
                {
                    _writer.InTransaction(() => _writer.SetState("last_full_sync_at:" + collection, _writer.Now));
                }
            }
            status = "succeeded";
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
            var ended = DateTimeOffset.UtcNow;
            var stats = _client.GetStats();
            result.Status = status;
            result.EndedAt = ended;
            result.Duration = ended - started;
            result.Collections = collections.ToArray();
            result.Added = collections.Sum(c => c.Added);
            result.Removed = collections.Sum(c => c.Removed);
            result.Changed = collections.Sum(c => c.Changed);
            result.Unchanged = collections.Sum(c => c.Unchanged);
            result.Requests = stats.TotalRequests - statsAtStart.TotalRequests;
            result.Throttled = stats.RateLimited - statsAtStart.RateLimited;
            result.Warnings = _warnings.ToArray();
            FinishRun(result, error, ended);
        }
        return result;
    }

    private bool IsFullSyncDue(SyncCollection collection, DateTimeOffset now)
    {
        var last = _writer.GetState("last_full_sync_at:" + collection);
        return last is null
            || !DateTimeOffset.TryParse(last, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var lastFull)
            || now - lastFull >= _options.FullSyncInterval;
    }

    private void FinishRun(SyncResult result, string? error, DateTimeOffset ended)
    {
        try
        {
            _writer.Rollback();
            _writer.InTransaction(() =>
            {
                _writer.Execute("""
                    UPDATE sync_runs SET ended_at = $2, status = $3, collections = $4, requests = $5, throttled = $6, warnings = $7, error = $8
                    WHERE id = $1
                    """, _runId, VaultWriter.Timestamp(ended), result.Status,
                    JsonSerializer.Serialize(result.Collections, VaultJson.Default.SyncCollectionResultArray),
                    result.Requests, result.Throttled, JsonSerializer.Serialize(_warnings, VaultJson.Default.ListString), error);
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _observer.Warning($"Could not record the end of sync run {_runId}: {ex.Message}");
        }
    }

    private async Task<SyncCollectionResult> RunCollectionAsync(SyncCollection collection, CancellationToken cancellationToken)
    {
        var name = collection.ToString();
        var counts = new SyncCollectionResult { Collection = name };
        var before = _client.GetStats();
        var watch = Stopwatch.StartNew();
        var warningsBefore = _warnings.Count;
        _observer.Progress(name, "Reading", 0, null);
        switch (collection)
        {
            case SyncCollection.Profile:
                await SyncProfileAsync(counts, cancellationToken);
                break;
            case SyncCollection.LikedSongs:
                await SyncSavedAsync(LikedSongs, counts, cancellationToken);
                break;
            case SyncCollection.Playlists:
                await SyncPlaylistsAsync(counts, cancellationToken);
                break;
            case SyncCollection.SavedAlbums:
                await SyncSavedAsync(SavedAlbums, counts, cancellationToken);
                break;
            case SyncCollection.SavedShows:
                await SyncSavedAsync(SavedShows, counts, cancellationToken);
                break;
            case SyncCollection.SavedEpisodes:
                await SyncSavedAsync(SavedEpisodes, counts, cancellationToken);
                break;
            case SyncCollection.FollowedArtists:
                await SyncFollowedArtistsAsync(counts, cancellationToken);
                break;
            case SyncCollection.TopItems:
                await SyncTopItemsAsync(counts, cancellationToken);
                break;
            case SyncCollection.RecentlyPlayed:
                await SyncRecentlyPlayedAsync(counts, cancellationToken);
                break;
            case SyncCollection.AudioFeatures:
                await SyncAudioFeaturesAsync(counts, cancellationToken);
                break;
            case SyncCollection.Images:
                await SyncImagesAsync(counts, cancellationToken);
                break;
        }
        var after = _client.GetStats();
        counts.Requests = after.TotalRequests - before.TotalRequests;
        counts.Throttled = after.RateLimited - before.RateLimited;
        counts.Duration = watch.Elapsed;
        counts.Warnings = _warnings.Skip(warningsBefore).ToArray();
        _observer.Progress(name, "Done", counts.Added + counts.Changed + counts.Unchanged, null);
        _observer.Verbose($"{name}: {counts.Added} added, {counts.Removed} removed, {counts.Changed} changed, {counts.Unchanged} unchanged; {counts.Requests} requests in {counts.Duration.TotalSeconds:0.0} s.");
        return counts;
    }

    // Called from the playlist workers and image downloads at once.
    private void Warn(string message)
    {
        lock (_warnings)
        {
            _warnings.Add(message);
        }
        _observer.Warning(message);
    }

    private bool IsBaseline(string collection) => _writer.GetState("baseline:" + collection) is null;

    // ---- profile ------------------------------------------------------------------------------------------

    private async Task SyncProfileAsync(SyncCollectionResult counts, CancellationToken cancellationToken)
    {
        var me = await _client.GetCurrentUserAsync(cancellationToken);
        _writer.InTransaction(() =>
        {
            var owner = _writer.GetState("user_id");
            if (owner is not null && owner != me.Id)
            {
                throw new MusiVaultException("VaultBelongsToAnotherUser", ErrorKind.InvalidOperation,
                    $"This vault holds the library of Spotify user '{owner}', but the connection is for '{me.Id}'. Use another -Vault or -Profile.",
                    _options.VaultPath);
            }
            _writer.SetState("user_id", me.Id);
            string? oldName = null;
            var existed = false;
            using (var reader = _writer.Query("SELECT display_name FROM profile WHERE user_id = $1", me.Id))
            {
                if (reader.Read())
                {
                    existed = true;
                    oldName = reader.IsDBNull(0) ? null : reader.GetString(0);
                }
            }
            _writer.Execute("""
                INSERT INTO profile (user_id, display_name, uri, followers, images, raw_json, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, uri = excluded.uri, followers = excluded.followers,
                    images = excluded.images, raw_json = excluded.raw_json, updated_at = excluded.updated_at
                """, me.Id, me.DisplayName, me.Uri, me.Followers, VaultWriter.ImagesJson(me.Images), me.RawJson, _writer.Now);
            _writer.WriteImages("profile", me.Id, me.Images);
            if (!existed)
            {
                counts.Added = 1;
            }
            else if (oldName != me.DisplayName)
            {
                _writer.RecordChange(_runId, "profile", me.Id, "renamed", me.DisplayName, oldValue: oldName, newValue: me.DisplayName);
                counts.Changed = 1;
            }
            else
            {
                counts.Unchanged = 1;
            }
        });
    }

    // ---- saved collections (liked songs, albums, shows, episodes) ----------------------------------------

    private sealed class SavedSpec<T>
        where T : class
    {
        public required SyncCollection Collection { get; init; }
        public required string Table { get; init; }
        public required string KeyColumn { get; init; }
        public required string EntityType { get; init; }
        public required string AddedKind { get; init; }
        public required string RemovedKind { get; init; }
        public required Func<SpotifyClient, int, CancellationToken, Task<SpotifyPage<SpotifySaved<T>>>> FetchPage { get; init; }
        public required Func<T, string> Key { get; init; }
        public required Func<T, string> Name { get; init; }
        /// <summary>Stores the item; returns the availability transition it observed (playables only).</summary>
        public required Func<VaultWriter, T, AvailabilityChange> Upsert { get; init; }
    }

    private static readonly SavedSpec<SpotifyPlayable> LikedSongs = new()
    {
        Collection = SyncCollection.LikedSongs,
        Table = "liked_tracks",
        KeyColumn = "track_uri",
        EntityType = "track",
        AddedKind = "liked",
        RemovedKind = "unliked",
        FetchPage = (client, offset, ct) => client.GetSavedTracksPageAsync(offset, ct),
        Key = t => t.Uri,
        Name = t => t.Name,
        Upsert = (w, t) => w.UpsertPlayable(t),
    };

    private static readonly SavedSpec<SpotifyAlbum> SavedAlbums = new()
    {
        Collection = SyncCollection.SavedAlbums,
        Table = "saved_albums",
        KeyColumn = "album_id",
        EntityType = "album",
        AddedKind = "saved",
        RemovedKind = "unsaved",
        FetchPage = (client, offset, ct) => client.GetSavedAlbumsPageAsync(offset, ct),
        Key = a => a.Id,
        Name = a => a.Name,
        Upsert = (w, a) =>
        {
            w.UpsertAlbum(a);
            return AvailabilityChange.None;
        },
    };

    private static readonly SavedSpec<SpotifyShow> SavedShows = new()
    {
        Collection = SyncCollection.SavedShows,
        Table = "saved_shows",
        KeyColumn = "show_id",
        EntityType = "show",
        AddedKind = "saved",
        RemovedKind = "unsaved",
        FetchPage = (client, offset, ct) => client.GetSavedShowsPageAsync(offset, ct),
        Key = s => s.Id,
        Name = s => s.Name,
        Upsert = (w, s) =>
        {
            w.UpsertShow(s);
            return AvailabilityChange.None;
        },
    };

    private static readonly SavedSpec<SpotifyPlayable> SavedEpisodes = new()
    {
        Collection = SyncCollection.SavedEpisodes,
        Table = "saved_episodes",
        KeyColumn = "episode_uri",
        EntityType = "episode",
        AddedKind = "saved",
        RemovedKind = "unsaved",
        FetchPage = (client, offset, ct) => client.GetSavedEpisodesPageAsync(offset, ct),
        Key = e => e.Uri,
        Name = e => e.Name,
        Upsert = (w, e) => w.UpsertPlayable(e),
    };

    /// <summary>
    /// Incremental: new saves appear at the head (the API orders by added_at, newest first). Read from the head
    /// until the first known item; if it and the rest of that page sit exactly where we stored them (shifted by the
    /// number of new items) and the total agrees, nothing else changed. Otherwise read everything and compare.
    /// </summary>
    private async Task SyncSavedAsync<T>(SavedSpec<T> spec, SyncCollectionResult counts, CancellationToken cancellationToken)
        where T : class
    {
        var collection = spec.Collection.ToString();
        var stored = LoadSaved(spec);
        var baseline = IsBaseline(collection);

        // Until a first complete pass (the baseline) exists, nothing can be trusted to be in place; neither can it
        // after a full read that was interrupted (its pages moved positions, but removals were not marked yet).
        var interruptedRead = _writer.GetState("reading:" + collection) is not null;
        if (!_full && !baseline && !interruptedRead && stored.Count > 0)
        {
            var head = new List<SpotifySaved<T>>();
            var offset = 0;
            while (true)
            {
                var page = await spec.FetchPage(_client, offset, cancellationToken);
                var verdict = CompareHead(spec, page, head, stored, offset);
                if (verdict == HeadVerdict.Unchanged)
                {
                    WriteHead(spec, head, stored.Count, counts);
                    return;
                }
                if (verdict == HeadVerdict.ReadMore && page.HasNext)
                {
                    offset = page.NextOffset ?? offset + page.RawItemCount;
                    continue;
                }
                _observer.Verbose($"{collection}: changes beyond the newest items; reading the whole collection.");
                break;
            }
        }

        // Full read, written page by page as the pages arrive in order.
        _writer.InTransaction(() => _writer.SetState("reading:" + collection, _writer.Now));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        await foreach (var page in ReadAllPagesAsync((offset, ct) => spec.FetchPage(_client, offset, ct), collection, cancellationToken))
        {
            await WriteLockedAsync(() =>
            {
                foreach (var saved in page.Items)
                {
                    var pos = position++;
                    if (saved.Item is null)
                    {
                        continue;
                    }
                    var key = spec.Key(saved.Item);
                    if (!seen.Add(key))
                    {
                        continue; // an item moved between pages while we read; the first sighting wins
                    }
                    RecordAvailability(spec.EntityType, key, spec.Name(saved.Item), spec.Upsert(_writer, saved.Item));
                    UpsertSavedRow(spec, key, saved.AddedAt, pos);
                    if (stored.ContainsKey(key))
                    {
                        counts.Unchanged++;
                    }
                    else
                    {
                        counts.Added++;
                        if (!baseline)
                        {
                            _writer.RecordChange(_runId, spec.EntityType, key, spec.AddedKind, spec.Name(saved.Item));
                        }
                    }
                }
            }, cancellationToken);
            _observer.Progress(collection, "Reading", position, page.Total);
        }

        await WriteLockedAsync(() =>
        {
            foreach (var (key, _) in stored)
            {
                if (seen.Contains(key))
                {
                    continue;
                }
                _writer.Execute($"UPDATE {spec.Table} SET removed_at = $2, position = NULL WHERE {spec.KeyColumn} = $1", key, _writer.Now);
                counts.Removed++;
                if (!baseline)
                {
                    _writer.RecordChange(_runId, spec.EntityType, key, spec.RemovedKind, NameOf(spec.EntityType, key));
                }
            }
            if (baseline)
            {
                _writer.SetState("baseline:" + collection, _writer.Now);
            }
            _writer.Execute("DELETE FROM sync_state WHERE key = $1", "reading:" + collection);
        }, cancellationToken);
    }

    private enum HeadVerdict
    {
        Unchanged,
        ReadMore,
        Differs,
    }

    private HeadVerdict CompareHead<T>(SavedSpec<T> spec, SpotifyPage<SpotifySaved<T>> page, List<SpotifySaved<T>> head,
        Dictionary<string, (int Position, string? AddedAt)> stored, int offset)
        where T : class
    {
        var anchorFound = false;
        for (var i = 0; i < page.Items.Count; i++)
        {
            var saved = page.Items[i];
            if (saved.Item is null)
            {
                return HeadVerdict.Differs;
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
                if (known.Position != index - head.Count)
                {
                    return HeadVerdict.Differs;
                }
            }
            else if (!stored.TryGetValue(key, out var known) || known.Position != index - head.Count)
            {
                return HeadVerdict.Differs;
            }
        }
        if (!anchorFound)
        {
            return page.HasNext ? HeadVerdict.ReadMore : HeadVerdict.Differs;
        }
        // Removals further down would only show in the total.
        return page.Total == stored.Count + head.Count ? HeadVerdict.Unchanged : HeadVerdict.Differs;
    }

    private void WriteHead<T>(SavedSpec<T> spec, List<SpotifySaved<T>> head, int storedCount, SyncCollectionResult counts)
        where T : class
    {
        _writer.InTransaction(() =>
        {
            if (head.Count > 0)
            {
                _writer.Execute($"UPDATE {spec.Table} SET position = position + $1 WHERE removed_at IS NULL", head.Count);
            }
            for (var i = 0; i < head.Count; i++)
            {
                var item = head[i].Item!;
                var key = spec.Key(item);
                RecordAvailability(spec.EntityType, key, spec.Name(item), spec.Upsert(_writer, item));
                UpsertSavedRow(spec, key, head[i].AddedAt, i);
                counts.Added++;
                _writer.RecordChange(_runId, spec.EntityType, key, spec.AddedKind, spec.Name(item));
            }
            counts.Unchanged += storedCount;
        });
    }

    private void RecordAvailability(string entityType, string key, string name, AvailabilityChange transition)
    {
        if (transition != AvailabilityChange.None)
        {
            _writer.RecordChange(_runId, entityType, key, transition == AvailabilityChange.BecameUnavailable ? "unavailable" : "available", name);
        }
    }

    private void UpsertSavedRow<T>(SavedSpec<T> spec, string key, DateTimeOffset? addedAt, int position)
        where T : class
    {
        _writer.Execute($"""
            INSERT INTO {spec.Table} ({spec.KeyColumn}, added_at, position, removed_at) VALUES ($1, $2, $3, NULL)
            ON CONFLICT ({spec.KeyColumn}) DO UPDATE SET added_at = excluded.added_at, position = excluded.position, removed_at = NULL
            """, key, VaultWriter.Timestamp(addedAt), position);
    }

    private Dictionary<string, (int Position, string? AddedAt)> LoadSaved<T>(SavedSpec<T> spec)
        where T : class
    {
        var result = new Dictionary<string, (int, string?)>(StringComparer.Ordinal);
        using var reader = _writer.Query($"SELECT {spec.KeyColumn}, position, added_at FROM {spec.Table} WHERE removed_at IS NULL");
        while (reader.Read())
        {
            result[reader.GetString(0)] = (reader.IsDBNull(1) ? -1 : reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        return result;
    }

    private string? NameOf(string entityType, string key)
    {
        var sql = entityType switch
        {
            "album" => "SELECT name FROM albums WHERE id = $1",
            "show" => "SELECT name FROM shows WHERE id = $1",
            "artist" => "SELECT name FROM artists WHERE id = $1",
            "playlist" => "SELECT name FROM playlists WHERE id = $1",
            _ => "SELECT name FROM tracks WHERE uri = $1",
        };
        return _writer.Scalar(sql, key) as string;
    }

    // ---- paging -------------------------------------------------------------------------------------------

    /// <summary>
    /// All pages of an offset-paged collection, in order. Once the first page tells the total, later pages are
    /// requested ahead (bounded by <see cref="SyncOptions.PrefetchPages"/>; the client caps requests in flight).
    /// The total is only a hint: reading stops when a page has no next, and goes on past the total while pages do.
    /// </summary>
    private async IAsyncEnumerable<SpotifyPage<T>> ReadAllPagesAsync<T>(
        Func<int, CancellationToken, Task<SpotifyPage<T>>> fetch, string collection,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = await fetch(0, cancellationToken);
        yield return first;
        if (!first.HasNext)
        {
            yield break;
        }
        // Offsets advance by what the API sent (nulls included), never by what survived mapping.
        var pageSize = first.RawItemCount > 0 ? first.RawItemCount : PageSize;
        var nextOffset = first.NextOffset ?? first.RawItemCount;
        var expectedEnd = first.Total ?? 0;
        var queue = new Queue<(int Offset, Task<SpotifyPage<T>> Task)>();
        using var stopPrefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                while (queue.Count < Math.Max(1, _options.PrefetchPages) && (queue.Count == 0 || nextOffset < expectedEnd))
                {
                    queue.Enqueue((nextOffset, fetch(nextOffset, stopPrefetch.Token)));
                    nextOffset += pageSize;
                }
                var (offset, task) = queue.Dequeue();
                var page = await task;
                yield return page;
                if (!page.HasNext || page.RawItemCount == 0)
                {
                    yield break;
                }
                var following = page.NextOffset ?? offset + page.RawItemCount;
                if (following != (queue.Count > 0 ? queue.Peek().Offset : nextOffset))
                {
                    // A short page: the prefetched offsets no longer line up; continue from here, one by one.
                    stopPrefetch.Cancel();
                    await DrainAsync(queue);
                    nextOffset = following;
                    expectedEnd = 0;
                    await foreach (var rest in FollowAsync(fetch, nextOffset, cancellationToken))
                    {
                        yield return rest;
                    }
                    yield break;
                }
            }
        }
        finally
        {
            stopPrefetch.Cancel();
            await DrainAsync(queue);
        }
    }

    private static async IAsyncEnumerable<SpotifyPage<T>> FollowAsync<T>(Func<int, CancellationToken, Task<SpotifyPage<T>>> fetch, int offset,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await fetch(offset, cancellationToken);
            yield return page;
            if (!page.HasNext || page.RawItemCount == 0)
            {
                yield break;
            }
            offset = page.NextOffset ?? offset + page.RawItemCount;
        }
    }

    private static async Task DrainAsync<T>(Queue<(int Offset, Task<SpotifyPage<T>> Task)> queue)
    {
        while (queue.Count > 0)
        {
            try
            {
                await queue.Dequeue().Task;
            }
            catch (Exception)
            {
                // Abandoned prefetch: its result (or failure) no longer matters.
            }
        }
    }

    private async Task WriteLockedAsync(Action work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            _writer.InTransaction(work);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    // ---- playlists ----------------------------------------------------------------------------------------

    private sealed record StoredPlaylist(string Name, string? Description, string? SnapshotId, string? ItemsSnapshotId,
        int? ItemsAvailable, bool Warned, bool Deleted);

    private async Task SyncPlaylistsAsync(SyncCollectionResult counts, CancellationToken cancellationToken)
    {
        const string collection = nameof(SyncCollection.Playlists);
        var baseline = IsBaseline(collection);
        var listed = new List<SpotifyPlaylist>();
        await foreach (var page in FollowAsync((offset, ct) => _client.GetMyPlaylistsPageAsync(offset, ct), 0, cancellationToken))
        {
            listed.AddRange(page.Items.Where(p => p is not null));
        }

        var stored = new Dictionary<string, StoredPlaylist>(StringComparer.Ordinal);
        using (var reader = _writer.Query("SELECT id, name, description, snapshot_id, items_snapshot_id, items_available, unavailable_warned, deleted_at FROM playlists"))
        {
            while (reader.Read())
            {
                stored[reader.GetString(0)] = new StoredPlaylist(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.GetInt64(6) != 0, !reader.IsDBNull(7));
            }
        }

        var changedPlaylists = new HashSet<string>(StringComparer.Ordinal);
        var listedIds = new HashSet<string>(StringComparer.Ordinal);
        _writer.InTransaction(() =>
        {
            for (var i = 0; i < listed.Count; i++)
            {
                var playlist = listed[i];
                if (!listedIds.Add(playlist.Id))
                {
                    continue;
                }
                stored.TryGetValue(playlist.Id, out var old);
                _writer.Execute("""
                    INSERT INTO playlists (id, uri, name, description, owner_id, owner_name, public, collaborative, snapshot_id, items_total,
                        followers, images, raw_json, list_position, first_seen_at, updated_at, deleted_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, NULL)
                    ON CONFLICT (id) DO UPDATE SET uri = excluded.uri, name = excluded.name, description = excluded.description,
                        owner_id = excluded.owner_id, owner_name = excluded.owner_name, public = excluded.public,
                        collaborative = excluded.collaborative, snapshot_id = excluded.snapshot_id, items_total = excluded.items_total,
                        followers = coalesce(excluded.followers, playlists.followers), images = excluded.images, raw_json = excluded.raw_json,
                        list_position = excluded.list_position, updated_at = excluded.updated_at, deleted_at = NULL
                    """, playlist.Id, playlist.Uri, playlist.Name, playlist.Description, playlist.OwnerId, playlist.OwnerName,
                    playlist.Public is null ? null : playlist.Public.Value ? 1 : 0, playlist.Collaborative ? 1 : 0, playlist.SnapshotId,
                    playlist.ItemsTotal, playlist.Followers, VaultWriter.ImagesJson(playlist.Images), playlist.RawJson, i, _writer.Now);
                _writer.WriteImages("playlist", playlist.Id, playlist.Images);

                if (old is null || old.Deleted)
                {
                    counts.Added++;
                    changedPlaylists.Add(playlist.Id);
                    if (!baseline)
                    {
                        _writer.RecordChange(_runId, "playlist", playlist.Id, "added", playlist.Name, playlist.Id);
                    }
                    continue;
                }
                if (old.Name != playlist.Name)
                {
                    _writer.RecordChange(_runId, "playlist", playlist.Id, "renamed", playlist.Name, playlist.Id, old.Name, playlist.Name);
                    changedPlaylists.Add(playlist.Id);
                }
                if (old.Description != playlist.Description)
                {
                    _writer.RecordChange(_runId, "playlist", playlist.Id, "changed", playlist.Name, playlist.Id, old.Description, playlist.Description);
                    changedPlaylists.Add(playlist.Id);
                }
            }

            foreach (var (id, old) in stored)
            {
                if (!old.Deleted && !listedIds.Contains(id))
                {
                    _writer.Execute("UPDATE playlists SET deleted_at = $2, last_changed_at = $2 WHERE id = $1", id, _writer.Now);
                    _writer.RecordChange(_runId, "playlist", id, "removed", old.Name, id);
                    counts.Removed++;
                }
            }
        });

        // Which playlists' items must be read.
        var toRead = new List<SpotifyPlaylist>();
        foreach (var playlist in listed.DistinctBy(p => p.Id))
        {
            stored.TryGetValue(playlist.Id, out var old);
            var knownRefused = old is { ItemsAvailable: 0 } && old.SnapshotId == playlist.SnapshotId;
            if (_full || old is null || old.Deleted || old.ItemsSnapshotId is null || old.ItemsSnapshotId != playlist.SnapshotId)
            {
                if (!_full && knownRefused)
                {
                    continue;
                }
                toRead.Add(playlist);
            }
        }
        _observer.Verbose($"Playlists: {listedIds.Count} listed, {toRead.Count} to read.");
        // Longest first: a 10,000-entry playlist started last would read alone while the other workers sit idle.
        toRead = toRead.OrderByDescending(p => p.ItemsTotal ?? 0).ToList();

        var done = 0;
        await Parallel.ForEachAsync(toRead, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _client.Options.MaxConcurrency), CancellationToken = cancellationToken },
            async (playlist, ct) =>
            {
                stored.TryGetValue(playlist.Id, out var old);
                var changed = await SyncPlaylistItemsAsync(playlist, old, baseline || old is null || old.Deleted, ct);
                lock (changedPlaylists)
                {
                    if (changed)
                    {
                        changedPlaylists.Add(playlist.Id);
                    }
                    done++;
                    _observer.Progress(collection, $"Reading items of '{playlist.Name}'", done, toRead.Count);
                }
            });

        await WriteLockedAsync(() =>
        {
            foreach (var id in changedPlaylists)
            {
                _writer.Execute("UPDATE playlists SET last_changed_at = $2 WHERE id = $1", id, _writer.Now);
            }
            if (baseline)
            {
                _writer.SetState("baseline:" + collection, _writer.Now);
            }
        }, cancellationToken);
        counts.Changed = changedPlaylists.Count - counts.Added;
        counts.Unchanged = listedIds.Count - counts.Added - counts.Changed;
    }

    /// <summary>Reads one playlist's items and replaces its entries in one transaction. Returns whether they changed.</summary>
    private async Task<bool> SyncPlaylistItemsAsync(SpotifyPlaylist playlist, StoredPlaylist? old, bool quiet, CancellationToken cancellationToken)
    {
        var first = await _client.GetPlaylistItemsPageAsync(playlist.Id, 0, cancellationToken);
        if (!first.IsAvailable)
        {
            var warn = old is null || !old.Warned;
            await WriteLockedAsync(() => _writer.Execute("""
                UPDATE playlists SET items_available = 0, items_unavailable_reason = $2, unavailable_warned = 1, items_synced_at = $3
                WHERE id = $1
                """, playlist.Id, first.UnavailableReason, _writer.Now), cancellationToken);
            if (warn)
            {
                Warn($"The items of playlist '{playlist.Name}' ({playlist.Id}, owned by {playlist.OwnerName ?? playlist.OwnerId}) are not available to this app ({first.UnavailableReason}): Spotify does not show a Development-Mode app the items of playlists you neither own nor collaborate on. Its details are archived; its tracks are not. This warning is not repeated.");
            }
            return false;
        }

        var entries = new List<SpotifyPlaylistEntry>(playlist.ItemsTotal ?? 0);
        var firstPage = first.Value!;
        async Task<SpotifyPage<SpotifyPlaylistEntry>> Fetch(int offset, CancellationToken ct)
        {
            if (offset == 0)
            {
                return firstPage;
            }
            var result = await _client.GetPlaylistItemsPageAsync(playlist.Id, offset, ct);
            return result.Value ?? throw new MusiVaultException("PlaylistItemsRefused", ErrorKind.PermissionDenied,
                $"Spotify stopped serving the items of playlist '{playlist.Name}' mid-read: {result.UnavailableReason}", playlist.Id);
        }
        await foreach (var page in ReadAllPagesAsync(Fetch, "Playlists", cancellationToken))
        {
            entries.AddRange(page.Items);
        }

        var changed = false;
        await WriteLockedAsync(() => changed = new PlaylistEntryStore(_writer, _runId).Replace(playlist, entries, quiet), cancellationToken);
        return changed;
    }

    // ---- followed artists ---------------------------------------------------------------------------------

    private async Task SyncFollowedArtistsAsync(SyncCollectionResult counts, CancellationToken cancellationToken)
    {
        const string collection = nameof(SyncCollection.FollowedArtists);
        var baseline = IsBaseline(collection);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = _writer.Query("SELECT artist_id FROM followed_artists WHERE removed_at IS NULL"))
        {
            while (reader.Read())
            {
                stored.Add(reader.GetString(0));
            }
        }

        var storedOrder = new List<string>();
        using (var reader = _writer.Query("SELECT artist_id FROM followed_artists WHERE removed_at IS NULL ORDER BY position"))
        {
            while (reader.Read())
            {
                storedOrder.Add(reader.GetString(0));
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        var position = 0;
        var firstPage = true;
        while (true)
        {
            var page = await _client.GetFollowedArtistsPageAsync(after, cancellationToken);
            // Spotify gives no follow dates to order by, but the list's order is stable: when the first page holds the
            // artists we stored there, in that order, and the total agrees, nothing changed (a full pass checks all).
            if (firstPage && !_full && !baseline && _writer.GetState("reading:" + collection) is null && page.Total == storedOrder.Count
                && page.Items.Count == Math.Min(storedOrder.Count, page.Items.Count)
                && page.Items.Select(a => a?.Id).SequenceEqual(storedOrder.Take(page.Items.Count)))
            {
                counts.Unchanged = storedOrder.Count;
                return;
            }
            if (firstPage)
            {
                await WriteLockedAsync(() => _writer.SetState("reading:" + collection, _writer.Now), cancellationToken);
            }
            firstPage = false;
            await WriteLockedAsync(() =>
            {
                foreach (var artist in page.Items)
                {
                    if (artist is null || !seen.Add(artist.Id))
                    {
                        continue;
                    }
                    _writer.UpsertArtist(artist);
                    _writer.Execute("""
                        INSERT INTO followed_artists (artist_id, position, followed_at, removed_at) VALUES ($1, $2, $3, NULL)
                        ON CONFLICT (artist_id) DO UPDATE SET position = excluded.position,
                            followed_at = CASE WHEN followed_artists.removed_at IS NULL THEN followed_artists.followed_at ELSE excluded.followed_at END,
                            removed_at = NULL
                        """, artist.Id, position++, _writer.Now);
                    if (stored.Contains(artist.Id))
                    {
                        counts.Unchanged++;
                    }
                    else
                    {
                        counts.Added++;
                        if (!baseline)
                        {
                            _writer.RecordChange(_runId, "artist", artist.Id, "followed", artist.Name);
                        }
                    }
                }
            }, cancellationToken);
            _observer.Progress(collection, "Reading", position, page.Total);
            if (!page.HasNext || string.IsNullOrEmpty(page.CursorAfter) || page.CursorAfter == after)
            {
                break;
            }
            after = page.CursorAfter;
        }

        await WriteLockedAsync(() =>
        {
            foreach (var id in stored.Where(id => !seen.Contains(id)))
            {
                _writer.Execute("UPDATE followed_artists SET removed_at = $2, position = NULL WHERE artist_id = $1", id, _writer.Now);
                _writer.RecordChange(_runId, "artist", id, "unfollowed", NameOf("artist", id));
                counts.Removed++;
            }
            if (baseline)
            {
                _writer.SetState("baseline:" + collection, _writer.Now);
            }
            _writer.Execute("DELETE FROM sync_state WHERE key = $1", "reading:" + collection);
        }, cancellationToken);
    }

    // ---- top items ----------------------------------------------------------------------------------------

    private async Task SyncTopItemsAsync(SyncCollectionResult counts, CancellationToken cancellationToken)
    {
        foreach (var range in Enum.GetValues<TopTimeRange>())
        {
            var rangeName = range switch
            {
                TopTimeRange.ShortTerm => "short_term",
                TopTimeRange.MediumTerm => "medium_term",
                _ => "long_term",
            };
            // The two lists of a range are independent: read them side by side.
            var artistsTask = CollectAsync((offset, ct) => _client.GetTopArtistsPageAsync(range, offset, ct), cancellationToken);
            var tracksTask = CollectAsync((offset, ct) => _client.GetTopTracksPageAsync(range, offset, ct), cancellationToken);
            var artists = await artistsTask;
            var tracks = await tracksTask;
            await WriteLockedAsync(() =>
            {
                foreach (var artist in artists)
                {
                    _writer.UpsertArtist(artist);
                }
                foreach (var track in tracks)
                {
                    _writer.UpsertPlayable(track);
                }
                WriteTopCapture("artist", rangeName, artists.Select(a => a.Id).ToList(), counts);
                WriteTopCapture("track", rangeName, tracks.Select(t => t.Uri).ToList(), counts);
            }, cancellationToken);
        }
    }

    private static async Task<List<T>> CollectAsync<T>(Func<int, CancellationToken, Task<SpotifyPage<T>>> fetch, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await foreach (var page in FollowAsync(fetch, 0, cancellationToken))
        {
            items.AddRange(page.Items.Where(i => i is not null));
        }
        return items;
    }

    private void WriteTopCapture(string type, string range, List<string> keys, SyncCollectionResult counts)
    {
        var last = new List<string>();
        using (var reader = _writer.Query("""
            SELECT item_key FROM top_items WHERE item_type = $1 AND time_range = $2
              AND captured_at = (SELECT max(captured_at) FROM top_items WHERE item_type = $1 AND time_range = $2)
            ORDER BY rank
            """, type, range))
        {
            while (reader.Read())
            {
                last.Add(reader.GetString(0));
            }
        }
        if (last.SequenceEqual(keys, StringComparer.Ordinal) && (last.Count > 0 || _writer.GetState($"top:{type}:{range}") is not null))
        {
            counts.Unchanged++;
            return;
        }
        for (var rank = 0; rank < keys.Count; rank++)
        {
            _writer.Execute("INSERT OR IGNORE INTO top_items (item_type, time_range, captured_at, rank, item_key, run_id) VALUES ($1, $2, $3, $4, $5, $6)",
                type, range, _writer.Now, rank + 1, keys[rank], _runId);
        }
        _writer.SetState($"top:{type}:{range}", _writer.Now);
        if (last.Count == 0)
        {
            counts.Added++;
        }
        else
        {
            counts.Changed++;
        }
    }

    // ---- recently played ----------------------------------------------------------------------------------

    private async Task SyncRecentlyPlayedAsync(SyncCollectionResult counts, CancellationToken cancellationToken)
    {
        var lastText = _writer.Scalar("SELECT max(played_at) FROM recently_played") as string;
        long? afterMs = lastText is null ? null
            : DateTimeOffset.Parse(lastText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
        var page = await _client.GetRecentlyPlayedPageAsync(afterMs, null, cancellationToken);
        var pages = 1;
        while (true)
        {
            var current = page;
            await WriteLockedAsync(() =>
            {
                foreach (var play in current.Items)
                {
                    if (play is null)
                    {
                        continue;
                    }
                    _writer.UpsertPlayable(play.Track);
                    var inserted = _writer.Execute("""
                        INSERT OR IGNORE INTO recently_played (played_at, track_uri, context_type, context_uri) VALUES ($1, $2, $3, $4)
                        """, VaultWriter.Timestamp(play.PlayedAt), play.Track.Uri, play.ContextType, play.ContextUri);
                    if (inserted > 0)
                    {
                        counts.Added++;
                    }
                    else
                    {
                        counts.Unchanged++;
                    }
                }
            }, cancellationToken);
            // A full page after our last known play may hide older new plays: walk back with `before` (Spotify keeps ~50).
            var oldest = current.Items.Where(p => p is not null).Select(p => p.PlayedAt.ToUnixTimeMilliseconds()).DefaultIfEmpty(0).Min();
            if (current.RawItemCount < PageSize || !current.HasNext || (afterMs is not null && oldest <= afterMs) || pages >= 20)
            {
                break;
            }
            page = await _client.GetRecentlyPlayedPageAsync(null, oldest, cancellationToken);
            pages++;
        }
    }

    // ---- audio features -----------------------------------------------------------------------------------

    private async Task SyncAudioFeaturesAsync(SyncCollectionResult counts, CancellationToken cancellationToken)
    {
        if (!_full && _writer.GetState("audio_features") == "unavailable")
        {
            counts.Skipped = true;
            _observer.Verbose("AudioFeatures: not available to this app (remembered); a full sync asks again.");
            return;
        }
        var ids = new List<string>();
        using (var reader = _writer.Query("""
            SELECT t.id FROM tracks t LEFT JOIN audio_features f ON f.track_id = t.id
            WHERE t.type = 'track' AND t.id IS NOT NULL AND f.track_id IS NULL ORDER BY t.first_seen_at, t.id
            """))
        {
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }
        if (ids.Count == 0)
        {
            return;
        }
        for (var start = 0; start < ids.Count; start += 100)
        {
            var batch = ids.Skip(start).Take(100).ToList();
            var result = await _client.GetAudioFeaturesAsync(batch, cancellationToken);
            if (!result.IsAvailable)
            {
                var firstTime = _writer.GetState("audio_features") != "unavailable";
                await WriteLockedAsync(() => _writer.SetState("audio_features", "unavailable"), cancellationToken);
                counts.Skipped = true;
                if (firstTime)
                {
                    Warn($"Audio features are not available to this app ({result.UnavailableReason}); Spotify no longer serves them to new apps. Skipped.");
                }
                return;
            }
            await WriteLockedAsync(() =>
            {
                foreach (var features in result.Value!)
                {
                    if (features is null)
                    {
                        continue;
                    }
                    _writer.Execute("INSERT OR REPLACE INTO audio_features (track_id, raw_json, captured_at) VALUES ($1, $2, $3)",
                        features.Id, features.RawJson, _writer.Now);
                    counts.Added++;
                }
                _writer.SetState("audio_features", "available");
            }, cancellationToken);
        }
    }

    // ---- images -------------------------------------------------------------------------------------------

    private async Task SyncImagesAsync(SyncCollectionResult counts, CancellationToken cancellationToken)
    {
        if (!_options.DownloadImages)
        {
            counts.Skipped = true;
            return;
        }
        var urls = new List<string>();
        using (var reader = _writer.Query("SELECT DISTINCT i.url FROM images i LEFT JOIN image_data d ON d.url = i.url WHERE d.url IS NULL ORDER BY i.url"))
        {
            while (reader.Read())
            {
                urls.Add(reader.GetString(0));
            }
        }
        counts.Unchanged = Convert.ToInt32(_writer.Scalar("SELECT count(*) FROM image_data"), CultureInfo.InvariantCulture);
        var done = 0;
        await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _client.Options.MaxConcurrency), CancellationToken = cancellationToken },
            async (url, ct) =>
            {
                byte[] bytes;
                try
                {
                    bytes = await _client.DownloadAsync(new Uri(url), ct);
                }
                catch (MusiVaultException ex)
                {
                    Warn($"Image {url} could not be downloaded: {ex.Message}");
                    return;
                }
                await WriteLockedAsync(() => _writer.Execute("INSERT OR REPLACE INTO image_data (url, content_type, bytes, fetched_at) VALUES ($1, $2, $3, $4)",
                    url, SniffContentType(bytes), bytes, _writer.Now), ct);
                lock (urls)
                {
                    counts.Added++;
                    done++;
                    _observer.Progress(nameof(SyncCollection.Images), "Downloading", done, urls.Count);
                }
            });
    }

    private static string? SniffContentType(byte[] bytes) =>
        bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 ? "image/jpeg"
        : bytes.Length >= 4 && bytes[0] == 0x89 && bytes[1] == 0x50 ? "image/png"
        : null;
}
