using System.Diagnostics;
using MusiVault.Engine.Sync;
using MusiVault.FakeSpotify;
using Xunit.Abstractions;

namespace MusiVault.Engine.Tests.Sync;

/// <summary>
/// Issue 12, items 1 and 2: one bad answer from Spotify must never rewrite history, and no chain of pages may run
/// away. Every case starts from a good sync, breaks the fake, syncs again and checks that nothing stored was lost.
/// </summary>
public sealed class SyncTrustTests(ITestOutputHelper output)
{
    private const string TracksRoute = "GET /v1/me/tracks";
    private const string PlaylistsRoute = "GET /v1/me/playlists";
    private const string ItemsRoute = "GET /v1/playlists/{id}/items";

    /// <summary>Old code looped for ever on a self-loop: a sync that is not done by then has run away.</summary>
    private static readonly TimeSpan RunAwayAfter = TimeSpan.FromSeconds(90);

    public static TheoryData<MalformedBody> MalformedBodies => new()
    {
        MalformedBody.EmptyObject, MalformedBody.Null, MalformedBody.NoItems, MalformedBody.WrongTypedItems,
        MalformedBody.WrongTypedElements, MalformedBody.NotJson,
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_first_page_of_liked_songs_removes_nothing_and_the_run_says_why(MalformedBody body)
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.Equal("succeeded", (await h.SyncAsync()).Status);
        var liked = LikedNow(h);

        h.Fake.Faults.Malformed(body, count: int.MaxValue, route: TracksRoute);
        var result = await h.SyncAsync();

        AssertNothingLost(h, result, liked, "LikedSongs");
    }

    [Fact]
    public async Task A_full_sync_whose_second_page_has_no_items_removes_nothing()
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.Equal("succeeded", (await h.SyncAsync()).Status);
        var liked = LikedNow(h);

        h.Fake.Faults.Malformed(MalformedBody.NoItems, count: int.MaxValue, route: TracksRoute, skip: 1);
        var result = await h.SyncAsync(full: true);

        AssertNothingLost(h, result, liked, "LikedSongs");
    }

    [Fact]
    public async Task A_malformed_list_of_playlists_deletes_no_playlist()
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.Equal("succeeded", (await h.SyncAsync()).Status);
        using (var before = h.OpenVault())
        {
            Assert.NotEmpty(VaultRead.Column<string>(before, "SELECT id FROM playlists WHERE deleted_at IS NULL"));
        }

        h.Fake.Faults.Malformed(MalformedBody.EmptyObject, count: int.MaxValue, route: PlaylistsRoute);
        var result = await h.SyncAsync();

        Assert.Equal("partial", result.Status);
        Assert.Equal(0, result.Removed);
        Assert.Contains(result.Warnings, w => w.Contains("Playlists", StringComparison.Ordinal));
        using var db = h.OpenVault();
        Assert.Empty(VaultRead.Column<string>(db, "SELECT id FROM playlists WHERE deleted_at IS NOT NULL"));
        Assert.Empty(VaultRead.Changes(db, result.RunId));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(+1)]
    public async Task A_total_that_disagrees_with_what_was_read_is_a_failed_read(int delta)
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.Equal("succeeded", (await h.SyncAsync()).Status);
        var liked = LikedNow(h);

        // The last page says a total the pages do not add up to.
        h.Fake.Faults.WrongTotal(delta, count: int.MaxValue, route: TracksRoute, skip: 5);
        var result = await h.SyncAsync(full: true);

        AssertNothingLost(h, result, liked, "LikedSongs");
    }

    [Fact]
    public async Task A_self_loop_on_liked_songs_ends_the_read_with_bounded_requests()
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.Equal("succeeded", (await h.SyncAsync()).Status);
        var liked = LikedNow(h);

        h.Fake.Faults.SelfLoopNext(route: TracksRoute);
        h.Fake.Requests.ResetCounts();
        using var timeout = new CancellationTokenSource(RunAwayAfter);
        var result = await h.SyncAsync(full: true, cancellationToken: timeout.Token);

        AssertNothingLost(h, result, liked, "LikedSongs");
        var requests = h.Fake.Requests.Counts.GetValueOrDefault(TracksRoute);
        output.WriteLine($"/me/tracks requests with a self-loop: {requests}");
        Assert.InRange(requests, 1, 40);
    }

    [Fact]
    public async Task An_endless_chain_on_liked_songs_stops_at_the_total_plus_a_margin()
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.Equal("succeeded", (await h.SyncAsync()).Status);
        var liked = LikedNow(h);

        h.Fake.Faults.EndlessChain(route: TracksRoute);
        h.Fake.Requests.ResetCounts();
        using var timeout = new CancellationTokenSource(RunAwayAfter);
        var result = await h.SyncAsync(full: true, cancellationToken: timeout.Token);

        AssertNothingLost(h, result, liked, "LikedSongs");
        var requests = h.Fake.Requests.Counts.GetValueOrDefault(TracksRoute);
        output.WriteLine($"/me/tracks requests with an endless chain: {requests}");
        // 300 liked songs: (300 + margin 500) / 50 = 16 pages per attempt, two attempts, plus prefetch.
        Assert.InRange(requests, 1, 2 * (16 + 8) + 2);
    }

    [Fact]
    public async Task A_self_loop_on_playlist_items_skips_that_playlist_and_keeps_memory_bounded()
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.Equal("succeeded", (await h.SyncAsync()).Status);
        int entriesBefore;
        using (var before = h.OpenVault())
        {
            entriesBefore = VaultRead.Column<long>(before, "SELECT count(*) FROM playlist_entries")[0] is var n ? (int)n : 0;
        }

        h.Fake.Faults.SelfLoopNext(route: ItemsRoute);
        h.Fake.Faults.EndlessChain(route: "GET /v1/me/following");
        h.Fake.Requests.ResetCounts();
        using var timeout = new CancellationTokenSource(RunAwayAfter);
        var result = await h.SyncAsync(full: true, cancellationToken: timeout.Token);

        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"self-loop on playlist items: {h.Fake.Requests.Counts.GetValueOrDefault(ItemsRoute)} item requests; " +
            $"RSS {self.WorkingSet64 / (1024 * 1024)} MB, peak RSS {self.PeakWorkingSet64 / (1024 * 1024)} MB, GC heap {heap / (1024 * 1024)} MB");
        Assert.Equal("partial", result.Status);
        Assert.Equal(0, result.Removed);
        Assert.Contains(result.Warnings, w => w.Contains("loops", StringComparison.Ordinal));
        Assert.True(heap < 500L * 1024 * 1024, $"GC heap {heap} bytes");
        Assert.True(self.WorkingSet64 < 1500L * 1024 * 1024, $"RSS {self.WorkingSet64} bytes");
        Assert.InRange(h.Fake.Requests.Counts.GetValueOrDefault(ItemsRoute), 1, 200);
        using var db = h.OpenVault();
        Assert.Equal("partial", VaultRead.Column<string>(db, "SELECT status FROM sync_runs WHERE id = $1", result.RunId)[0]);
        Assert.Equal(entriesBefore, (int)VaultRead.Column<long>(db, "SELECT count(*) FROM playlist_entries")[0]);
        Assert.DoesNotContain(VaultRead.Changes(db, result.RunId), c => c.Kind is "unfollowed" or "removed" or "playlist_removed");
    }

    [Fact]
    public async Task The_next_good_sync_after_a_failed_read_records_no_false_history()
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.Equal("succeeded", (await h.SyncAsync()).Status);
        h.Fake.Faults.Malformed(MalformedBody.Null, count: int.MaxValue, route: TracksRoute);
        Assert.Equal("partial", (await h.SyncAsync()).Status);
        h.Fake.Faults.Clear();

        var result = await h.SyncAsync();

        Assert.Equal("succeeded", result.Status);
        using var db = h.OpenVault();
        var falseRows = VaultRead.Changes(db).Count(c => c.Kind is "liked" or "unliked");
        output.WriteLine($"false liked/unliked history rows after the malformed-page case: {falseRows}");
        Assert.Equal(0, falseRows);
    }

    [Fact]
    public async Task A_passing_glitch_is_read_again_and_the_run_succeeds()
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.Equal("succeeded", (await h.SyncAsync()).Status);

        // Two broken answers: the client's own retry and the collection's second read absorb them.
        h.Fake.Faults.Malformed(MalformedBody.EmptyObject, count: 2, route: TracksRoute);
        var result = await h.SyncAsync(full: true);

        Assert.Equal("succeeded", result.Status);
        Assert.Equal(0, result.Removed);
        Assert.Empty(result.Warnings);
    }

    private static int LikedNow(SyncHarness h)
    {
        using var db = h.OpenVault();
        return (int)VaultRead.Column<long>(db, "SELECT count(*) FROM liked_tracks WHERE removed_at IS NULL")[0];
    }

    private static void AssertNothingLost(SyncHarness h, SyncResult result, int likedBefore, string collection)
    {
        Assert.Equal("partial", result.Status);
        Assert.Equal(0, result.Removed);
        var skipped = Assert.Single(result.Collections, c => c.Collection == collection);
        Assert.True(skipped.Skipped);
        Assert.Contains(result.Warnings, w => w.StartsWith(collection + " was not synced this run", StringComparison.Ordinal));
        Assert.Equal(likedBefore, LikedNow(h));
        using var db = h.OpenVault();
        Assert.DoesNotContain(VaultRead.Changes(db, result.RunId), c => c.Kind is "liked" or "unliked");
        Assert.Equal("partial", VaultRead.Column<string>(db, "SELECT status FROM sync_runs WHERE id = $1", result.RunId)[0]);
    }
}
