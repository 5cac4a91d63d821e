using MusiVault.Engine.Query;
using static MusiVault.Engine.Tests.Query.ReferenceWildcard;

namespace MusiVault.Engine.Tests.Query;

public sealed class SeededVaultFixture : IDisposable
{
    public SeededVaultFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("mv-query-").FullName;
        Path = System.IO.Path.Combine(Directory, "vault.db");
        Seed = VaultSeed.Messy();
        Seed.WriteTo(Path);
    }

    public string Directory { get; }

    public string Path { get; }

    public VaultSeed Seed { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

public sealed class VaultQueriesTests(SeededVaultFixture fixture) : IClassFixture<SeededVaultFixture>
{
    private readonly VaultSeed _seed = fixture.Seed;
    private readonly VaultQueries _queries = new(fixture.Path);

    // ---- the reference model: what each query should return, computed from the seed alone ----

    private IEnumerable<SeedItem> InLibrary() => _seed.Items.Where(i =>
        _seed.Likes.Any(l => l.Uri == i.Uri && l.RemovedAt is null)
        || _seed.Playlists.Any(p => p.DeletedAt is null && p.Entries.Any(e => e.ItemUri == i.Uri))
        || _seed.SavedEpisodes.Any(e => e.Uri == i.Uri && e.RemovedAt is null));

    // As a sync stores it: an episode's album name is its show's.
    private string? AlbumOf(SeedItem i) => i.AlbumId is not null ? _seed.Albums.Single(a => a.Id == i.AlbumId).Name
        : i.ShowId is not null ? _seed.Shows.Single(s => s.Id == i.ShowId).Name : i.AlbumName;

    private SeedLike? LikeOf(SeedItem i) => _seed.Likes.SingleOrDefault(l => l.Uri == i.Uri);

    public static TheoryData<string> Patterns() => VaultWildcardTests.PatternData();

    [Fact]
    public void Default_lists_the_library_now_in_vault_order()
    {
        var actual = _queries.Tracks(new TrackQuery()).Select(t => t.Uri!).ToList();
        Assert.Equal(InLibrary().Select(i => i.Uri).ToList(), actual);
        Assert.DoesNotContain("spotify:track:t08", actual); // unliked
        Assert.DoesNotContain("spotify:track:t05", actual); // only in a deleted playlist
        Assert.Contains("spotify:local:Home+Band:Tapes:My+Demo:123", actual);
        Assert.Contains("spotify:episode:e01", actual);
    }

    [Fact]
    public void IncludeRemoved_lists_every_item_the_vault_knows()
    {
        var actual = _queries.Tracks(new TrackQuery { IncludeRemoved = true }).ToList();
        Assert.Equal(_seed.Items.Select(i => i.Uri), actual.Select(t => t.Uri!));
        var unliked = actual.Single(t => t.Id == "t08");
        Assert.Equal(new DateTimeOffset(VaultSeed.Utc("2024-06-10T00:00:00Z")), unliked.RemovedAt);
        Assert.Equal(TimeSpan.Zero, unliked.RemovedAt!.Value.Offset);
    }

    [Fact]
    public void Liked_lists_liked_songs_in_spotify_order_and_IncludeRemoved_adds_the_unliked()
    {
        var current = _queries.Tracks(new TrackQuery { Liked = true }).ToList();
        Assert.Equal(_seed.Likes.Where(l => l.RemovedAt is null).OrderBy(l => l.Position).Select(l => l.Uri), current.Select(t => t.Uri!));
        Assert.All(current, t => Assert.NotNull(t.AddedAt));
        Assert.Equal(new DateTimeOffset(VaultSeed.Utc("2024-05-01T08:00:00Z")), current[0].AddedAt);

        var all = _queries.Tracks(new TrackQuery { Liked = true, IncludeRemoved = true }).Select(t => t.Uri!).ToList();
        Assert.Equal(_seed.Likes.Count, all.Count);
        Assert.Equal("spotify:track:t08", all[^1]);
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Name_filter_equals_like_over_the_library(string pattern)
    {
        var expected = InLibrary().Where(i => Like(i.Name, pattern)).Select(i => i.Uri).ToList();
        Assert.Equal(expected, _queries.Tracks(new TrackQuery { Name = pattern }).Select(t => t.Uri!).ToList());
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Artist_filter_matches_any_credited_artist(string pattern)
    {
        var expected = _seed.Items.Where(i => i.ArtistNames.Any(a => Like(a, pattern))).Select(i => i.Uri).ToList();
        Assert.Equal(expected, _queries.Tracks(new TrackQuery { Artist = pattern, IncludeRemoved = true }).Select(t => t.Uri!).ToList());
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Album_filter_equals_like_over_album_names(string pattern)
    {
        var expected = _seed.Items.Where(i => Like(AlbumOf(i), pattern)).Select(i => i.Uri).ToList();
        Assert.Equal(expected, _queries.Tracks(new TrackQuery { Album = pattern, IncludeRemoved = true }).Select(t => t.Uri!).ToList());
    }

    [Theory]
    [InlineData("2024-02-01T08:00:00Z", null)]
    [InlineData(null, "2024-04-01T08:00:00Z")]
    [InlineData("2023-11-15T00:00:00Z", "2024-04-15T00:00:00Z")]
    public void Added_date_filters_compare_liked_dates_strictly(string? after, string? before)
    {
        DateTime? a = after is null ? null : VaultSeed.Utc(after);
        DateTime? b = before is null ? null : VaultSeed.Utc(before);
        var expected = _seed.Likes.Where(l => l.RemovedAt is null)
            .Where(l => (a is null || VaultSeed.Utc(l.AddedAt) > a) && (b is null || VaultSeed.Utc(l.AddedAt) < b))
            .OrderBy(l => l.Position).Select(l => l.Uri).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, _queries.Tracks(new TrackQuery { Liked = true, AddedAfter = a, AddedBefore = b }).Select(t => t.Uri!).ToList());
    }

    [Fact]
    public void A_local_time_date_is_converted_to_utc()
    {
        var utc = VaultSeed.Utc("2024-02-01T08:00:00Z");
        var local = DateTime.SpecifyKind(utc.ToLocalTime(), DateTimeKind.Unspecified);
        var viaLocal = _queries.Tracks(new TrackQuery { Liked = true, AddedAfter = local }).Select(t => t.Uri!);
        var viaUtc = _queries.Tracks(new TrackQuery { Liked = true, AddedAfter = utc }).Select(t => t.Uri!);
        Assert.Equal(viaUtc, viaLocal);
    }

    [Fact]
    public void Id_finds_items_by_id_or_uri_even_outside_the_library()
    {
        var actual = _queries.Tracks(new TrackQuery { Ids = ["t18", "spotify:track:t07", "nope"] }).Select(t => t.Uri!).ToList();
        Assert.Equal(["spotify:track:t07", "spotify:track:t18"], actual);
    }

    [Fact]
    public void First_limits_and_keeps_order()
    {
        var all = _queries.Tracks(new TrackQuery()).Select(t => t.Uri!).ToList();
        Assert.Equal(all.Take(3), _queries.Tracks(new TrackQuery { First = 3 }).Select(t => t.Uri!));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_whole_listing_reads_artists_at_once_and_gets_what_a_narrow_query_gets(bool liked)
    {
        // Unbounded: every artist row read once, matched in memory. With -First: the per-row lookup. Same names, order.
        var whole = _queries.Tracks(new TrackQuery { Liked = liked, IncludeRemoved = true }).ToList();
        var narrow = _queries.Tracks(new TrackQuery { Liked = liked, IncludeRemoved = true, First = 2000 }).ToList();
        Assert.NotEmpty(whole);
        Assert.Equal(narrow.Select(t => t.Uri), whole.Select(t => t.Uri));
        Assert.Equal(narrow.Select(t => string.Join("\n", t.Artists)), whole.Select(t => string.Join("\n", t.Artists)));
        Assert.Contains(whole, t => t.Artists.Count > 1);
        foreach (var track in whole)
        {
            var seeded = _seed.Items.SingleOrDefault(x => x.Uri == track.Uri)?.ArtistNames ?? [];
            Assert.Equal(seeded, track.Artists);
        }
    }

    [Fact]
    public void Tracks_carry_their_details()
    {
        var t = _queries.Tracks(new TrackQuery { Ids = ["t02"] }).Single();
        Assert.Equal(["Édith Piaf", "snake_case"], t.Artists);
        Assert.Equal("Édith Piaf; snake_case", t.ArtistNames);
        Assert.Equal("Éclairs d'été", t.Album);
        Assert.Equal("1960", t.ReleaseDate);
        Assert.True(t.Explicit);
        Assert.Equal("track", t.Type);
        Assert.False(t.IsLocal);
        Assert.True(t.IsAvailable);
        Assert.Equal(TimeSpan.FromMilliseconds(t.DurationMs), t.DurationValue);

        var gone = _queries.Tracks(new TrackQuery { Ids = ["t17"] }).Single();
        Assert.False(gone.IsAvailable);
        var local = _queries.Tracks(new TrackQuery { Ids = ["spotify:local:Home+Band:Tapes:My+Demo:123"] }).Single();
        Assert.True(local.IsLocal);
        Assert.Null(local.Id);
        Assert.Equal("Tapes", local.Album);
    }

    [Theory]
    [InlineData("pl1")]
    [InlineData("spotify:playlist:pl1")]
    [InlineData("Road Trip")]
    [InlineData("ROAD TRIP")]
    [InlineData("Old Mix")]
    [InlineData("Café; Morning's")]
    [InlineData("Editorial [Top]")]
    public void Playlist_lists_every_entry_position_by_position(string nameOrId)
    {
        var playlist = _seed.Playlists.Single(p => p.Id == nameOrId || "spotify:playlist:" + p.Id == nameOrId || string.Equals(p.Name, nameOrId, StringComparison.OrdinalIgnoreCase));
        var actual = _queries.Tracks(new TrackQuery { Playlist = nameOrId }).ToList();
        Assert.Equal(playlist.Entries.Length, actual.Count);
        for (var i = 0; i < actual.Count; i++)
        {
            var entry = playlist.Entries[i];
            var item = _seed.Items.SingleOrDefault(x => x.Uri == entry.ItemUri);
            Assert.Equal(i, actual[i].Position);
            Assert.Equal(playlist.Name, actual[i].Playlist);
            Assert.Equal(entry.ItemUri, actual[i].Uri);
            Assert.Equal(item?.Name ?? entry.LocalName ?? "", actual[i].Name);
            Assert.Equal(entry.IsAvailable && item?.UnavailableSince is null, actual[i].IsAvailable);
            Assert.Equal(entry.AddedAt is null ? null : new DateTimeOffset(VaultSeed.Utc(entry.AddedAt)), actual[i].AddedAt);
            Assert.Equal(entry.AddedBy, actual[i].AddedBy);
        }
    }

    [Fact]
    public void Playlist_keeps_local_files_episodes_and_vanished_items()
    {
        var entries = _queries.Tracks(new TrackQuery { Playlist = "pl1" }).ToList();
        Assert.Equal(["track", "local", "episode", "track", "track", "track", "track"], entries.Select(e => e.Type));
        Assert.Equal("Home Band", entries[1].ArtistNames);
        Assert.True(entries[1].IsLocal);
        Assert.Equal("Gone Song", entries[3].Name); // last known data
        Assert.False(entries[3].IsAvailable);
        Assert.Null(entries[4].Uri);
        Assert.False(entries[4].IsAvailable);
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Playlist_filters_by_name_and_artist_like_the_reference(string pattern)
    {
        var playlist = _seed.Playlists.Single(p => p.Id == "pl1");
        string ArtistsOf(SeedEntry e) => string.Join("\n", _seed.Items.SingleOrDefault(x => x.Uri == e.ItemUri)?.ArtistNames ?? (e.LocalArtist is null ? [] : [e.LocalArtist]));
        var expectedByName = playlist.Entries.Select((e, i) => (e, i))
            .Where(x => Like(_seed.Items.SingleOrDefault(it => it.Uri == x.e.ItemUri)?.Name ?? x.e.LocalName, pattern)).Select(x => x.i).ToList();
        Assert.Equal(expectedByName, _queries.Tracks(new TrackQuery { Playlist = "pl1", Name = pattern }).Select(t => t.Position!.Value).ToList());
        var expectedByArtist = playlist.Entries.Select((e, i) => (e, i))
            .Where(x => ArtistsOf(x.e).Split('\n').Where(a => a.Length > 0).Any(a => Like(a, pattern))).Select(x => x.i).ToList();
        Assert.Equal(expectedByArtist, _queries.Tracks(new TrackQuery { Playlist = "pl1", Artist = pattern }).Select(t => t.Position!.Value).ToList());
    }

    [Fact]
    public void Unknown_or_ambiguous_playlists_are_reported()
    {
        var missing = Assert.Throws<MusiVaultException>(() => _queries.Tracks(new TrackQuery { Playlist = "No Such" }).ToList());
        Assert.Equal("PlaylistNotFound", missing.ErrorId);
        var twin = Assert.Throws<MusiVaultException>(() => _queries.Tracks(new TrackQuery { Playlist = "TWIN" }).ToList());
        Assert.Equal("PlaylistAmbiguous", twin.ErrorId);
        Assert.Single(_queries.Tracks(new TrackQuery { Playlist = "pl7" }));
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Playlists_filter_by_name_owner_and_deletion(string pattern)
    {
        Assert.Equal(_seed.Playlists.Where(p => p.DeletedAt is null && Like(p.Name, pattern)).Select(p => p.Id),
            _queries.Playlists(new PlaylistQuery { Name = pattern }).Select(p => p.Id));
        Assert.Equal(_seed.Playlists.Where(p => Like(p.Name, pattern)).OrderBy(p => p.DeletedAt is not null).Select(p => p.Id),
            _queries.Playlists(new PlaylistQuery { Name = pattern, IncludeDeleted = true }).Select(p => p.Id));
        Assert.Equal(_seed.Playlists.Where(p => p.DeletedAt is null && p.OwnerId == VaultSeed.Me && Like(p.Name, pattern)).Select(p => p.Id),
            _queries.Playlists(new PlaylistQuery { Name = pattern, Owned = true }).Select(p => p.Id));
    }

    [Fact]
    public void Playlists_report_counts_and_availability()
    {
        var all = _queries.Playlists(new PlaylistQuery { IncludeDeleted = true }).ToDictionary(p => p.Id);
        foreach (var p in _seed.Playlists)
        {
            Assert.Equal(p.ItemsTotal ?? p.Entries.Length, all[p.Id].TrackCount);
            Assert.Equal(p.Id, all[p.Id].PlaylistId);
            Assert.Equal(p.ItemsAvailable, all[p.Id].ItemsAvailable);
            Assert.Equal(p.DeletedAt is null ? null : new DateTimeOffset(VaultSeed.Utc(p.DeletedAt)), all[p.Id].DeletedAt);
        }
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Albums_artists_shows_and_episodes_filter_by_name(string pattern)
    {
        Assert.Equal(_seed.Albums.Where(a => Like(a.Name, pattern)).Select(a => a.Id), _queries.Albums(new AlbumQuery { Name = pattern }).Select(a => a.Id));
        Assert.Equal(_seed.Albums.Where(a => a.ArtistIds.Any(id => Like(_seed.Artists.Single(x => x.Id == id).Name, pattern))).Select(a => a.Id),
            _queries.Albums(new AlbumQuery { Artist = pattern }).Select(a => a.Id));
        Assert.Equal(_seed.Artists.Where(a => Like(a.Name, pattern)).Select(a => a.Id), _queries.Artists(new ArtistQuery { Name = pattern }).Select(a => a.Id));
        Assert.Equal(_seed.Shows.Where(a => Like(a.Name, pattern)).Select(a => a.Id), _queries.Shows(new ShowQuery { Name = pattern }).Select(a => a.Id));
        Assert.Equal(_seed.Items.Where(i => i.Type == "episode" && Like(i.Name, pattern)).Select(i => i.Uri), _queries.Episodes(new EpisodeQuery { Name = pattern }).Select(e => e.Uri));
        Assert.Equal(_seed.Items.Where(i => i.Type == "episode" && Like(_seed.Shows.Single(s => s.Id == i.ShowId).Name, pattern)).Select(i => i.Uri),
            _queries.Episodes(new EpisodeQuery { Show = pattern }).Select(e => e.Uri));
    }

    [Fact]
    public void Saved_and_followed_switches_keep_removals_apart()
    {
        Assert.Equal(_seed.Albums.Where(a => a.SavedAt is not null && a.UnsavedAt is null).Select(a => a.Id), _queries.Albums(new AlbumQuery { Saved = true }).Select(a => a.Id));
        Assert.Equal(_seed.Albums.Where(a => a.SavedAt is not null).OrderBy(a => a.UnsavedAt is not null).Select(a => a.Id), _queries.Albums(new AlbumQuery { Saved = true, IncludeRemoved = true }).Select(a => a.Id));
        Assert.Equal(_seed.Artists.Where(a => a.FollowedAt is not null && a.UnfollowedAt is null).Select(a => a.Id), _queries.Artists(new ArtistQuery { Followed = true }).Select(a => a.Id));
        Assert.Equal(_seed.Artists.Where(a => a.FollowedAt is not null).OrderBy(a => a.UnfollowedAt is not null).Select(a => a.Id), _queries.Artists(new ArtistQuery { Followed = true, IncludeRemoved = true }).Select(a => a.Id));
        Assert.Equal(_seed.Shows.Where(s => s.SavedAt is not null && s.UnsavedAt is null).Select(s => s.Id), _queries.Shows(new ShowQuery { Saved = true }).Select(s => s.Id));
        Assert.Equal(_seed.SavedEpisodes.Where(e => e.RemovedAt is null).Select(e => e.Uri), _queries.Episodes(new EpisodeQuery { Saved = true }).Select(e => e.Uri));
        Assert.Equal(_seed.SavedEpisodes.Select(e => e.Uri), _queries.Episodes(new EpisodeQuery { Saved = true, IncludeRemoved = true }).Select(e => e.Uri));

        var piaf = _queries.Artists(new ArtistQuery { Ids = ["ar1"] }).Single();
        Assert.Equal(["chanson"], piaf.Genres);
        Assert.True(piaf.Followed);
        Assert.Equal(_seed.Items.Count(i => i.ArtistIds?.Contains("ar1") == true), piaf.TrackCount);
        var album = _queries.Albums(new AlbumQuery { Ids = ["al2"] }).Single();
        Assert.Equal("100% Pure; snake_case", album.ArtistNames);
        Assert.False(album.Saved);
        Assert.NotNull(album.RemovedAt);
    }

    [Fact]
    public void Top_items_come_from_the_latest_capture_of_each_range()
    {
        var all = _queries.TopItems(new TopItemQuery()).ToList();
        var latest = _seed.Tops.GroupBy(t => (t.Type, t.Range)).SelectMany(g => g.Where(t => t.CapturedAt == g.Max(x => x.CapturedAt))).ToList();
        Assert.Equal(latest.Count, all.Count);
        var shortArtists = _queries.TopItems(new TopItemQuery { Type = VaultTopItemType.Artist, TimeRange = VaultTimeRange.Short }).ToList();
        Assert.Equal(["Édith Piaf", "日本のアーティスト", "snake_case"], shortArtists.Select(a => a.Name));
        Assert.Equal([1, 2, 3], shortArtists.Select(a => a.Rank));
        Assert.All(shortArtists, a => Assert.Equal(("Artist", "Short"), (a.Type, a.TimeRange)));
        var longTracks = _queries.TopItems(new TopItemQuery { Type = VaultTopItemType.Track, TimeRange = VaultTimeRange.Long }).ToList();
        Assert.Equal(["éclair", "La Vie en rose"], longTracks.Select(t => t.Name));
        Assert.Equal("Édith Piaf; snake_case", longTracks[0].ArtistNames);
        Assert.Equal("t02", longTracks[0].Id);
        Assert.Empty(_queries.TopItems(new TopItemQuery { Type = VaultTopItemType.Artist, TimeRange = VaultTimeRange.Long }));
    }

    [Fact]
    public void Recently_played_is_newest_first_and_filters_by_time()
    {
        Assert.Equal(_seed.Plays.OrderByDescending(p => p.PlayedAt, StringComparer.Ordinal).Select(p => p.TrackUri), _queries.Plays(new PlayQuery()).Select(p => p.Uri));
        var after = VaultSeed.Utc("2024-06-01T10:30:00Z");
        var before = VaultSeed.Utc("2024-06-03T00:00:00Z");
        Assert.Equal(["spotify:track:t02", "spotify:track:t18"], _queries.Plays(new PlayQuery { After = after, Before = before }).Select(p => p.Uri));
        var play = _queries.Plays(new PlayQuery { First = 1 }).Single();
        Assert.Equal(VaultSeed.Injection, play.Name);
    }

    [Fact]
    public void Changes_filter_by_time_kind_and_entity()
    {
        Assert.Equal(_seed.Changes.Select(c => c.Kind).Reverse(), _queries.Changes(new ChangeQuery()).Select(c => c.Kind));
        Assert.Equal(Enumerable.Range(1, _seed.Changes.Count).Reverse().Select(i => (long)i), _queries.Changes(new ChangeQuery()).Select(c => c.Id));
        var since = VaultSeed.Utc("2024-06-02T00:00:10Z");
        Assert.Equal(_seed.Changes.Where(c => VaultSeed.Utc(c.ObservedAt) >= since).Select(c => c.EntityId).Reverse(), _queries.Changes(new ChangeQuery { After = since }).Select(c => c.EntityId));
        Assert.Equal(_seed.Changes.Where(c => VaultSeed.Utc(c.ObservedAt) < since).Select(c => c.EntityId).Reverse(), _queries.Changes(new ChangeQuery { Before = since }).Select(c => c.EntityId));
        Assert.Equal(_seed.Changes.Where(c => Like(c.Kind, "un*") || c.Kind == "renamed").Select(c => c.EntityId).Reverse(),
            _queries.Changes(new ChangeQuery { Kinds = ["un*", "renamed"] }).Select(c => c.EntityId));
        var added = _queries.Changes(new ChangeQuery { Kinds = ["added"], EntityTypes = ["track"] }).Single();
        Assert.Equal("Road Trip", added.Playlist);
        Assert.Equal("pl1", added.PlaylistId);
        var renamed = _queries.Changes(new ChangeQuery { Kinds = ["renamed"] }).Single();
        Assert.Equal(("Road", "Road Trip"), (renamed.OldValue, renamed.NewValue));
    }

    [Fact]
    public void Sync_runs_are_oldest_first_and_Last_keeps_the_newest()
    {
        var runs = _queries.SyncRuns(null).ToList();
        Assert.Equal([1L, 2L, 3L], runs.Select(r => r.Id));
        Assert.Equal(TimeSpan.FromMinutes(5), runs[0].DurationValue);
        Assert.Null(runs[2].DurationValue);
        Assert.Equal(["Playlist 'Editorial [Top]': items not available"], runs[0].Warnings);
        Assert.Equal(1, runs[0].WarningCount);
        Assert.True(runs[0].Full);
        Assert.Equal([2L, 3L], _queries.SyncRuns(2).Select(r => r.Id));
    }

    [Fact]
    public void Bad_wildcards_fail_with_a_stable_error_before_any_row()
    {
        var ex = Assert.Throws<MusiVaultException>(() => _queries.Tracks(new TrackQuery { Name = "[abc" }).ToList());
        Assert.Equal("InvalidWildcardPattern", ex.ErrorId);
    }
}
