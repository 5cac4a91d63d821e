namespace MusiVault.FakeSpotify;

/// <summary>What <see cref="FakeMutations.ApplyDemoScenario"/> changed, so tests can assert the sync saw exactly that.</summary>
public sealed record DemoMutationResult(
    IReadOnlyList<string> UnlikedTrackIds,
    IReadOnlyList<string> LikedTrackIds,
    string RenamedPlaylistId,
    string RenamedFrom,
    string RenamedTo,
    string EditedPlaylistId,
    IReadOnlyList<string> AddedUris,
    IReadOnlyList<string> RemovedUris,
    string DeletedPlaylistId,
    string UnavailableTrackId,
    int NewPlays);

/// <summary>
/// Changes to the library between syncs. Every method takes the library lock, bumps <see cref="FakeLibrary.Version"/>,
/// and touches the snapshot_id of each playlist whose content it changes. Timestamps come from a deterministic clock
/// that starts after everything generated and advances one minute per change.
/// </summary>
public sealed class FakeMutations
{
    private readonly FakeLibrary lib;
    private readonly Random rng;
    private DateTimeOffset clock = new(2026, 10, 2, 12, 0, 0, TimeSpan.Zero);

    internal FakeMutations(FakeLibrary library, int seed)
    {
        lib = library;
        rng = new Random(unchecked(seed * 7919) + 17);
    }

    private DateTimeOffset Tick()
    {
        clock = clock.AddMinutes(1);
        return clock;
    }

    private T Change<T>(Func<T> action)
    {
        lock (lib.SyncRoot)
        {
            var result = action();
            lib.Version++;
            return result;
        }
    }

    private FakePlaylist Playlist(string id) =>
        lib.AllPlaylists.GetValueOrDefault(id) ?? throw new KeyNotFoundException($"No playlist '{id}'.");

    private FakeTrack Track(string id) =>
        lib.Tracks.GetValueOrDefault(id) ?? throw new KeyNotFoundException($"No track '{id}'.");

    // ---- liked songs and other saved items ----

    /// <summary>Likes a catalog track (newest first). False when it was already liked.</summary>
    public bool Like(string trackId) => Change(() =>
    {
        var track = Track(trackId);
        if (lib.LikedTracks.Exists(s => s.Item.Id == trackId))
        {
            return false;
        }

        lib.LikedTracks.Insert(0, new FakeSaved<FakeTrack> { AddedAt = Tick(), Item = track });
        return true;
    });

    public bool Unlike(string trackId) => Change(() => lib.LikedTracks.RemoveAll(s => s.Item.Id == trackId) > 0);

    /// <summary>PUT /me/library semantics for one URI (track, album, episode, show, artist, playlist, user). False for an unknown id.</summary>
    public bool SaveUri(string uri) => Change(() => Apply(uri, save: true));

    /// <summary>DELETE /me/library semantics for one URI.</summary>
    public bool RemoveUri(string uri) => Change(() => Apply(uri, save: false));

    private bool Apply(string uri, bool save)
    {
        var parts = uri.Split(':');
        if (parts.Length != 3 || parts[0] != "spotify")
        {
            return false;
        }

        var id = parts[2];
        switch (parts[1])
        {
            case "track" when lib.Tracks.TryGetValue(id, out var t):
                return SaveIn(lib.LikedTracks, t, save, s => s.Item.Id == id);
            case "album" when lib.Albums.TryGetValue(id, out var a):
                return SaveIn(lib.SavedAlbums, a, save, s => s.Item.Id == id);
            case "episode" when lib.Episodes.TryGetValue(id, out var e):
                return SaveIn(lib.SavedEpisodes, e, save, s => s.Item.Id == id);
            case "show" when lib.Shows.TryGetValue(id, out var sh):
                return SaveIn(lib.SavedShows, sh, save, s => s.Item.Id == id);
            case "artist" when lib.Artists.TryGetValue(id, out var ar):
                lib.FollowedArtists.RemoveAll(x => x.Id == id);
                if (save)
                {
                    lib.FollowedArtists.Insert(0, ar);
                }

                return true;
            case "playlist" when lib.AllPlaylists.TryGetValue(id, out var p):
                lib.Playlists.Remove(p);
                if (save)
                {
                    lib.Playlists.Insert(0, p);
                }

                return true;
            case "user" when lib.Users.ContainsKey(id):
                return true;
            default:
                return false;
        }
    }

    private bool SaveIn<T>(List<FakeSaved<T>> list, T item, bool save, Predicate<FakeSaved<T>> same)
        where T : class
    {
        if (!save)
        {
            list.RemoveAll(same);
            return true;
        }

        // Saving again keeps the original position and date, as Spotify does.
        if (!list.Exists(same))
        {
            list.Insert(0, new FakeSaved<T> { AddedAt = Tick(), Item = item });
        }

        return true;
    }

    // ---- playlists ----

    public FakePlaylist CreatePlaylist(string name, string? description = null, bool? isPublic = true, bool collaborative = false) => Change(() =>
    {
        var p = new FakePlaylist
        {
            Id = NewId(),
            Name = name,
            Description = description,
            Owner = lib.Me,
            Public = isPublic,
            Collaborative = collaborative,
        };
        lib.AllPlaylists[p.Id] = p;
        lib.Playlists.Insert(0, p);
        return p;
    });

    public void Rename(string playlistId, string newName) => ChangeDetails(playlistId, name: newName);

    public void ChangeDetails(string playlistId, string? name = null, string? description = null, bool? isPublic = null, bool? collaborative = null) => Change(() =>
    {
        var p = Playlist(playlistId);
        p.Name = name ?? p.Name;
        p.Description = description ?? p.Description;
        p.Public = isPublic ?? p.Public;
        p.Collaborative = collaborative ?? p.Collaborative;
        p.Touch();
        return true;
    });

    /// <summary>"Deleting" a playlist on Spotify is unfollowing it: it leaves /me/playlists but GET /playlists/{id} still works.</summary>
    public bool Unfollow(string playlistId) => Change(() => lib.Playlists.RemoveAll(p => p.Id == playlistId) > 0);

    /// <summary>Inserts items at <paramref name="position"/> (append when null); returns the new snapshot_id.</summary>
    public string AddItems(string playlistId, IReadOnlyList<FakePlayable> items, int? position = null, FakeUser? addedBy = null) => Change(() =>
    {
        var p = Playlist(playlistId);
        var at = Math.Clamp(position ?? p.Entries.Count, 0, p.Entries.Count);
        var when = Tick();
        p.Entries.InsertRange(at, items.Select(i => new FakePlaylistEntry { AddedAt = when, AddedBy = addedBy ?? lib.Me, Item = i }));
        p.Touch();
        return p.SnapshotId;
    });

    /// <summary>Adds by URI; unknown URIs throw <see cref="KeyNotFoundException"/>.</summary>
    public string AddUris(string playlistId, IReadOnlyList<string> uris, int? position = null)
    {
        List<FakePlayable> items;
        lock (lib.SyncRoot)
        {
            items = uris.Select(u => lib.FindPlayable(u) ?? throw new KeyNotFoundException($"No item '{u}'.")).ToList();
        }

        return AddItems(playlistId, items, position);
    }

    /// <summary>Removes every occurrence of each URI; returns the new snapshot_id.</summary>
    public string RemoveUris(string playlistId, IReadOnlyList<string> uris) => Change(() =>
    {
        var p = Playlist(playlistId);
        var set = new HashSet<string>(uris, StringComparer.Ordinal);
        p.Entries.RemoveAll(e => e.Item is not null && set.Contains(e.Item.Uri));
        p.Touch();
        return p.SnapshotId;
    });

    public string RemoveAt(string playlistId, int index) => Change(() =>
    {
        var p = Playlist(playlistId);
        p.Entries.RemoveAt(index);
        p.Touch();
        return p.SnapshotId;
    });

    /// <summary>Spotify's reorder: move range_length entries from range_start to before insert_before (indexes before the move).</summary>
    public string Move(string playlistId, int rangeStart, int insertBefore, int rangeLength = 1) => Change(() =>
    {
        var p = Playlist(playlistId);
        if (rangeStart < 0 || rangeLength < 1 || rangeStart + rangeLength > p.Entries.Count || insertBefore < 0 || insertBefore > p.Entries.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(rangeStart), "Range out of bounds.");
        }

        var moved = p.Entries.GetRange(rangeStart, rangeLength);
        p.Entries.RemoveRange(rangeStart, rangeLength);
        var target = insertBefore > rangeStart ? Math.Max(rangeStart, insertBefore - rangeLength) : insertBefore;
        p.Entries.InsertRange(target, moved);
        p.Touch();
        return p.SnapshotId;
    });

    /// <summary>Replaces all entries (PUT /playlists/{id}/items with uris).</summary>
    public string Replace(string playlistId, IReadOnlyList<FakePlayable> items) => Change(() =>
    {
        var p = Playlist(playlistId);
        var when = Tick();
        p.Entries.Clear();
        p.Entries.AddRange(items.Select(i => new FakePlaylistEntry { AddedAt = when, AddedBy = lib.Me, Item = i }));
        p.Touch();
        return p.SnapshotId;
    });

    /// <summary>
    /// The track stops being playable: liked songs report is_playable false, playlist entries return a null item.
    /// Returns the ids of the playlists whose snapshot changed.
    /// </summary>
    public IReadOnlyList<string> MakeUnavailable(string trackId) => Change(() =>
    {
        var t = Track(trackId);
        t.IsPlayable = false;
        var touched = new List<string>();
        foreach (var p in lib.AllPlaylists.Values.Where(p => p.Entries.Exists(e => ReferenceEquals(e.Item, t))))
        {
            p.Touch();
            touched.Add(p.Id);
        }

        return (IReadOnlyList<string>)touched;
    });

    /// <summary>A new play, newest first in /me/player/recently-played.</summary>
    public FakePlay AddPlay(string trackId, string? contextUri = null) => Change(() =>
    {
        var at = Tick();
        var newest = lib.RecentlyPlayed.Count > 0 ? lib.RecentlyPlayed[0].PlayedAt : at;
        var play = new FakePlay { PlayedAt = at > newest ? at : newest.AddSeconds(30), Track = Track(trackId), ContextUri = contextUri };
        lib.RecentlyPlayed.Insert(0, play);
        return play;
    });

    /// <summary>
    /// Benchmarks' "N playlists changed": in each of <paramref name="count"/> playlists the user can edit (in id
    /// order, round-robin over calls), the first entry moves to the end. Returns the ids of the changed playlists.
    /// </summary>
    public IReadOnlyList<string> ChangePlaylists(int count)
    {
        lock (lib.SyncRoot)
        {
            var editable = lib.Playlists.Where(p => p.IsEditableBy(lib.Me) && p.Entries.Count >= 2)
                .OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
            var changed = new List<string>();
            for (var i = 0; i < Math.Min(count, editable.Count); i++)
            {
                var playlist = editable[(changeRound * count + i) % editable.Count];
                Move(playlist.Id, 0, playlist.Entries.Count);
                changed.Add(playlist.Id);
            }
            changeRound++;
            return changed;
        }
    }

    private int changeRound;

    /// <summary>
    /// A small, realistic, deterministic set of changes: unlike 2, like 1, rename a playlist, add/remove/reorder
    /// entries of another, delete (unfollow) a third, make one track unavailable, and 2 new plays.
    /// </summary>
    public DemoMutationResult ApplyDemoScenario()
    {
        lock (lib.SyncRoot)
        {
            var me = lib.Me;
            var owned = lib.Playlists.Where(p => p.Owner.Id == me.Id && !p.Collaborative && p.Entries.Count >= 6 && p.Entries.TrueForAll(e => e.Item is FakeTrack { IsLocal: false })).ToList();
            if (owned.Count < 3 || lib.LikedTracks.Count < 8)
            {
                throw new InvalidOperationException("The library is too small for the demo scenario.");
            }

            var unliked = new[] { lib.LikedTracks[1].Item.Id!, lib.LikedTracks[5].Item.Id! };
            foreach (var id in unliked)
            {
                Unlike(id);
            }

            var likedIds = lib.LikedTracks.Select(s => s.Item.Id).ToHashSet(StringComparer.Ordinal);
            var toLike = lib.Tracks.Values.Where(t => !likedIds.Contains(t.Id)).OrderBy(t => t.Id, StringComparer.Ordinal).First();
            Like(toLike.Id!);

            var renamed = owned[0];
            var from = renamed.Name;
            var to = from + " (renamed ✎)";
            Rename(renamed.Id, to);

            var edited = owned[1];
            var removed = edited.Entries[2].Item!.Uri;
            RemoveUris(edited.Id, [removed]);
            var add = lib.Tracks.Values.Where(t => t.IsPlayable && edited.Entries.TrueForAll(e => !ReferenceEquals(e.Item, t))).OrderBy(t => t.Id, StringComparer.Ordinal).Take(2).ToList();
            AddItems(edited.Id, add, position: 1);
            Move(edited.Id, 0, edited.Entries.Count);

            var deleted = owned[^1];
            Unfollow(deleted.Id);

            // A track both liked and in a playlist, so the change shows in both places.
            var inPlaylists = lib.Playlists.Where(p => p.IsEditableBy(me)).SelectMany(p => p.Entries).Select(e => e.Item).OfType<FakeTrack>().Where(t => !t.IsLocal).Select(t => t.Id!).ToHashSet(StringComparer.Ordinal);
            var unavailable = lib.LikedTracks.Select(s => s.Item).First(t => t.IsPlayable && inPlaylists.Contains(t.Id!) && t.Id != toLike.Id);
            MakeUnavailable(unavailable.Id!);

            AddPlay(lib.LikedTracks[0].Item.Id!, renamed.Uri);
            AddPlay(lib.LikedTracks[3].Item.Id!);

            return new DemoMutationResult(unliked, [toLike.Id!], renamed.Id, from, to, edited.Id, add.Select(t => t.Uri).ToList(), [removed], deleted.Id, unavailable.Id!, 2);
        }
    }

    private string NewId()
    {
        const string base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        while (true)
        {
            var chars = new char[22];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = base62[rng.Next(62)];
            }

            var id = new string(chars);
            if (!lib.AllPlaylists.ContainsKey(id) && !lib.Tracks.ContainsKey(id))
            {
                return id;
            }
        }
    }
}
