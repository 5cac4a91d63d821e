using MusiVault.Engine.Query;
using MusiVault.Engine.Restore;

namespace MusiVault.Engine.Tests.Restore;

/// <summary>What a restore would send and skip, worked out from the vault (synced from the fake) before any write.</summary>
public sealed class RestorePlanningTests
{
    [Fact]
    public void The_planner_sends_tracks_and_episodes_in_order_and_gives_a_reason_for_everything_else()
    {
        VaultTrack[] tracks =
        [
            new() { Position = 0, Uri = "spotify:track:aaa111", Name = "kept" },
            new() { Position = 1, Uri = "spotify:local:Artist:Album:Song:200", Name = "local", IsLocal = true },
            new() { Position = 2, Uri = "spotify:track:bbb222", Name = "gone", IsAvailable = false },
            new() { Position = 3, Uri = null, Name = "no uri" },
            new() { Position = 4, Uri = "spotify:episode:ccc333", Name = "episode" },
            new() { Position = 5, Uri = "spotify:album:ddd444", Name = "an album in a playlist" },
            new() { Position = 6, Uri = "spotify:track:not a/valid id", Name = "malformed" },
            new() { Position = 7, Uri = "spotify:track:eee555", Name = "kept too" },
            new() { Position = 8, Uri = null, Name = "", IsAvailable = false },
        ];

        var (items, skipped) = RestorePlanner.FromTracks(tracks, playlist: true);

        Assert.Equal(["spotify:track:aaa111", "spotify:episode:ccc333", "spotify:track:eee555"], items.Select(i => i.Uri));
        Assert.Equal([0, 4, 7], items.Select(i => i.Position));
        Assert.Equal(
            [(1, RestorePlanner.LocalFile), (2, RestorePlanner.Gone), (3, RestorePlanner.Unknown), (5, RestorePlanner.Unknown), (6, RestorePlanner.Unknown), (8, RestorePlanner.Gone)],
            skipped.Select(s => (s.Position ?? -1, s.Reason)));
        Assert.Equal("gone", skipped.Single(s => s.Position == 2).Name);

        // The library takes any type of URI; a playlist takes only tracks and episodes.
        var (library, _) = RestorePlanner.FromTracks([tracks[5]], playlist: false);
        Assert.Single(library);
    }

    [Fact]
    public async Task A_vault_playlist_plans_its_entries_in_order_with_local_files_and_vanished_items_skipped()
    {
        await using var h = await RestoreHarness.StartAsync();
        var withLocal = h.Fake.Library.Playlists.Single(p => p.Name == "100% _real_ [live]");
        var vanished = withLocal.Entries.First(e => e is { IsLocal: false, Item: { } item } && item.Uri.StartsWith("spotify:track:", StringComparison.Ordinal)).Item!;
        h.Fake.Mutations.MakeUnavailable(vanished.Id!);
        await h.Sync.SyncAsync();
        var entries = new VaultQueries(h.VaultPath).Tracks(new TrackQuery { Playlist = withLocal.Id }).ToList();

        var plan = SpotifyRestore.PlanPlaylist(h.VaultPath, withLocal.Id, asOf: null, name: null, isPublic: false);

        Assert.Equal(entries.Where(t => !t.IsLocal && t.IsAvailable && t.Uri is not null).Select(t => t.Uri), plan.Items.Select(i => i.Uri));
        Assert.Equal(4, plan.Skipped.Count(s => s.Reason == RestorePlanner.LocalFile));
        var gone = Assert.Single(plan.Skipped, s => s.Reason == RestorePlanner.Gone);
        Assert.Equal(vanished.Uri, gone.Uri);
        Assert.Equal(entries.Count, plan.Items.Count + plan.Skipped.Count);
        Assert.Equal(withLocal.Name, plan.TargetName);
        Assert.Equal(h.Fake.Library.Me.Id, plan.SourceUser);
        Assert.Contains("Restored by MusiVault", plan.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_playlist_of_the_vault_plans_each_entry_once_in_position_order()
    {
        await using var h = await RestoreHarness.StartAsync();
        var queries = new VaultQueries(h.VaultPath);
        foreach (var playlist in queries.Playlists(new PlaylistQuery()).Where(p => p.ItemsAvailable == true))
        {
            var plan = SpotifyRestore.PlanPlaylist(h.VaultPath, playlist.Id, null, "copy", isPublic: false);
            var positions = plan.Items.Select(i => i.Position).ToList();
            Assert.Equal(positions.Order(), positions);
            Assert.Equal(playlist.TrackCount, plan.Items.Count + plan.Skipped.Count);
            Assert.All(plan.Skipped, s => Assert.False(string.IsNullOrEmpty(s.Reason)));
            Assert.All(plan.Items, i => Assert.Matches("^spotify:(track|episode):[0-9A-Za-z]+$", i.Uri));
        }
    }

    [Fact]
    public async Task A_plan_as_of_a_date_before_two_changes_has_the_earlier_order()
    {
        await using var h = await RestoreHarness.StartAsync();
        var playlist = h.Fake.Library.Playlists.First(p => p.IsEditableBy(h.Fake.Library.Me) && p.Entries.Count >= 5 && p.Entries.All(e => e is { IsLocal: false, Item.IsPlayable: true }));
        var earlier = h.PlaylistUris(playlist.Id);
        var before = Clock.Instant();
        h.Fake.Mutations.Move(playlist.Id, 0, playlist.Entries.Count);
        await h.Sync.SyncAsync();
        h.Fake.Mutations.RemoveAt(playlist.Id, 1);
        await h.Sync.SyncAsync();
        Assert.NotEqual(earlier, h.PlaylistUris(playlist.Id));

        var plan = SpotifyRestore.PlanPlaylist(h.VaultPath, playlist.Id, before, null, isPublic: false);

        Assert.Equal(earlier, plan.Items.Select(i => i.Uri));
        Assert.Equal(before, plan.AsOf);
    }

    [Fact]
    public async Task Planning_reads_only_no_write_reaches_Spotify()
    {
        await using var h = await RestoreHarness.StartAsync();
        var liked = h.Fake.Library.LikedTracks.Take(50).Select(s => s.Item.Id!).ToList();
        liked.ForEach(id => h.Fake.Mutations.Unlike(id));
        h.Fake.Requests.ResetCounts();
        var playlist = h.Fake.Library.Playlists.First(p => p.IsEditableBy(h.Fake.Library.Me) && p.Entries.Count >= 3);

        var playlistPlan = SpotifyRestore.PlanPlaylist(h.VaultPath, playlist.Id, null, "never created", isPublic: false);
        var libraryPlans = await h.PlanLibraryAsync(RestoreCollection.LikedSongs, RestoreCollection.SavedAlbums, RestoreCollection.FollowedArtists);

        Assert.Equal(0, h.Writes());
        Assert.True(h.Count(RestoreHarness.ContainsRoute) > 0);
        Assert.All(h.UrisPerRequest(RestoreHarness.ContainsRoute), n => Assert.InRange(n, 1, 40));
        Assert.Equal(50, libraryPlans.Single(p => p.Kind == "LikedSongs").Count);
        var preview = playlistPlan.Preview();
        Assert.True(preview.WhatIf);
        Assert.Equal((0, 0, null), (preview.Added, preview.Requests, preview.TargetId));
        Assert.Equal(playlistPlan.Count, preview.Planned);
        Assert.Empty(h.MyPlaylists("never created"));
    }
}
