using MusiVault.Engine.Restore;

namespace MusiVault.Engine.Tests.Restore;

/// <summary>Saving back into the fake's library: the contains check, the batches, the order, and refused items.</summary>
public sealed class LibraryRestoreTests
{
    [Fact]
    public async Task Unliked_songs_come_back_oldest_first_40_a_request_after_a_contains_check_of_40_a_request()
    {
        await using var h = await RestoreHarness.StartAsync();
        var liked = h.Fake.Library.LikedTracks.Select(s => s.Item.Uri).ToList();
        var unliked = liked.Take(120).ToList();
        unliked.ForEach(uri => h.Fake.Mutations.RemoveUri(uri));
        h.Fake.Requests.ResetCounts();

        var plan = (await h.PlanLibraryAsync(RestoreCollection.LikedSongs)).Single();

        Assert.Equal((120, liked.Count - 120), (plan.Count, plan.AlreadyPresent));
        Assert.Equal((liked.Count + 39) / 40, h.Count(RestoreHarness.ContainsRoute));
        Assert.All(h.UrisPerRequest(RestoreHarness.ContainsRoute), n => Assert.InRange(n, 1, 40));
        Assert.Equal(0, h.Writes());

        var result = await h.ExecuteAsync(plan);

        Assert.Equal((120, 3), (result.Added, result.Requests));
        Assert.Equal([40, 40, 40], h.UrisPerRequest(RestoreHarness.LibraryPutRoute));
        Assert.Equal(3, h.Writes());
        // Saved oldest first, so the account lists them newest first in the vault's order.
        Assert.Equal(unliked, h.Fake.Library.LikedTracks.Take(120).Select(s => s.Item.Uri));
        Assert.Equal(liked.Order(StringComparer.Ordinal), h.Fake.Library.LikedTracks.Select(s => s.Item.Uri).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Albums_shows_episodes_and_artists_come_back_and_what_the_account_has_is_not_sent()
    {
        await using var h = await RestoreHarness.StartAsync();
        var lib = h.Fake.Library;
        string[] removed = [lib.SavedAlbums[0].Item.Uri, lib.SavedAlbums[3].Item.Uri, lib.SavedShows[0].Item.Uri, lib.SavedEpisodes[1].Item.Uri, lib.FollowedArtists[2].Uri];
        foreach (var uri in removed)
        {
            h.Fake.Mutations.RemoveUri(uri);
        }

        var plans = await h.PlanLibraryAsync(RestoreCollection.SavedAlbums, RestoreCollection.SavedShows, RestoreCollection.SavedEpisodes, RestoreCollection.FollowedArtists);
        Assert.Equal([2, 1, 1, 1], plans.Select(p => p.Count));
        h.Fake.Requests.ResetCounts();
        var results = new List<RestoreResult>();
        foreach (var plan in plans)
        {
            results.Add(await h.ExecuteAsync(plan));
        }

        Assert.Equal([2, 1, 1, 1], results.Select(r => r.Added));
        Assert.Equal(4, h.Writes());
        Assert.Contains(lib.SavedAlbums, s => s.Item.Uri == removed[0]);
        Assert.Contains(lib.SavedAlbums, s => s.Item.Uri == removed[1]);
        Assert.Contains(lib.SavedShows, s => s.Item.Uri == removed[2]);
        Assert.Contains(lib.SavedEpisodes, s => s.Item.Uri == removed[3]);
        Assert.Contains(lib.FollowedArtists, a => a.Uri == removed[4]);
    }

    [Fact]
    public async Task An_item_Spotify_refuses_is_reported_and_the_rest_of_the_run_goes_on()
    {
        await using var h = await RestoreHarness.StartAsync();
        var artists = h.Fake.Library.FollowedArtists.Take(10).ToList();
        artists.ForEach(a => h.Fake.Mutations.RemoveUri(a.Uri));
        var refused = artists[4];
        lock (h.Fake.Library.SyncRoot)
        {
            // Spotify no longer knows this artist: /me/library answers 400 for any request that names it.
            h.Fake.Library.Artists.Remove(refused.Id);
        }
        var plan = (await h.PlanLibraryAsync(RestoreCollection.FollowedArtists)).Single();
        Assert.Equal(10, plan.Count);
        h.Fake.Requests.ResetCounts();

        var result = await h.ExecuteAsync(plan);

        Assert.Equal(9, result.Added);
        var skip = Assert.Single(result.Skipped);
        Assert.Equal(refused.Uri, skip.Uri);
        Assert.StartsWith("Spotify refused it", skip.Reason, StringComparison.Ordinal);
        Assert.Equal(1 + 10, result.Requests);
        Assert.Equal(result.Requests, h.Writes());
        foreach (var artist in artists.Where(a => a != refused))
        {
            Assert.Contains(h.Fake.Library.FollowedArtists, a => a.Id == artist.Id);
        }
        Assert.DoesNotContain(h.Fake.Library.FollowedArtists, a => a.Id == refused.Id);
    }
}
