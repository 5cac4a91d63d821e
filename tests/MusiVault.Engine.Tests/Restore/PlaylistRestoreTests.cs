using MusiVault.Engine.Restore;
using MusiVault.FakeSpotify;

namespace MusiVault.Engine.Tests.Restore;

/// <summary>
/// Restoring a playlist into the fake over HTTP: the writes it sends, and how it finishes the job after a failure, a
/// crash between a write and its journal entry, or a write whose answer was lost.
/// </summary>
public sealed class PlaylistRestoreTests
{
    [Fact]
    public async Task A_playlist_restores_in_order_with_one_create_and_one_add_per_100_items()
    {
        await using var h = await RestoreHarness.StartAsync();
        var source = await h.AddSourcePlaylistAsync("Two hundred fifty", 250);
        var plan = SpotifyRestore.PlanPlaylist(h.VaultPath, source, null, "Restored 250", isPublic: false);
        h.Fake.Requests.ResetCounts();

        var result = await h.ExecuteAsync(plan);

        Assert.Equal(h.PlaylistUris(source), h.PlaylistUris(result.TargetId!));
        Assert.Equal((250, 0, 4), (result.Added, result.AlreadyPresent, result.Requests));
        Assert.Equal(1, h.Count(RestoreHarness.CreateRoute));
        Assert.Equal(3, h.Count(RestoreHarness.ItemsRoute));
        Assert.Equal(4, h.Writes());
        Assert.Equal([100, 100, 50], h.AddSizes(result.TargetId!));
        var created = Assert.Single(h.MyPlaylists("Restored 250"));
        Assert.Equal(result.TargetId, created.Id);
        Assert.Equal("spotify:playlist:" + created.Id, result.TargetUri);
        Assert.Equal(h.Fake.Library.Me.Id, created.Owner.Id);
        Assert.False(created.Public);
        Assert.Empty(h.Warnings);
    }

    [Fact]
    public async Task A_restore_that_failed_mid_way_continues_the_same_playlist_and_adds_nothing_twice()
    {
        await using var h = await RestoreHarness.StartAsync();
        var source = await h.AddSourcePlaylistAsync("Five hundred", 500);
        var plan = SpotifyRestore.PlanPlaylist(h.VaultPath, source, null, "Resumed", isPublic: false);
        // The third add fails three times: the restore gives up with two batches confirmed and journalled.
        h.Fake.Faults.ServerError(count: 3, statusCode: 503, route: RestoreHarness.ItemsRoute, skip: 2);

        var failure = await Assert.ThrowsAsync<MusiVaultException>(() => h.ExecuteAsync(plan));
        Assert.Equal("SpotifyWriteUncertain", failure.ErrorId);
        var target = Assert.Single(h.MyPlaylists("Resumed")).Id;
        Assert.Equal(200, h.PlaylistUris(target).Count);

        // As if the process died after Spotify applied the next batch but before the journal said so.
        h.Fake.Mutations.AddUris(target, plan.Items.Skip(200).Take(100).Select(i => i.Uri).ToList());
        h.Fake.Requests.ResetCounts();

        var result = await h.ExecuteAsync(plan);

        Assert.Equal(target, result.TargetId);
        Assert.Equal(h.PlaylistUris(source), h.PlaylistUris(target));
        Assert.Equal((300, 200), (result.AlreadyPresent, result.Added));
        Assert.Equal(0, h.Count(RestoreHarness.CreateRoute));
        Assert.Equal(2, h.Count(RestoreHarness.ItemsRoute));
        Assert.Single(h.MyPlaylists("Resumed"));

        // Once more after it finished: the same playlist, nothing sent.
        h.Fake.Requests.ResetCounts();
        var again = await h.ExecuteAsync(plan);
        Assert.Equal((target, 0, 500, 0), (again.TargetId, again.Added, again.AlreadyPresent, h.Writes()));
    }

    [Fact]
    public async Task A_restored_playlist_the_user_deleted_since_is_restored_again_into_a_new_one()
    {
        await using var h = await RestoreHarness.StartAsync();
        var source = await h.AddSourcePlaylistAsync("Deleted after", 30);
        var plan = SpotifyRestore.PlanPlaylist(h.VaultPath, source, null, "Restored twice", isPublic: false);
        var first = await h.ExecuteAsync(plan);
        h.Fake.Mutations.Unfollow(first.TargetId!);

        var second = await h.ExecuteAsync(plan);

        Assert.NotEqual(first.TargetId, second.TargetId);
        Assert.Equal((30, 0), (second.Added, second.AlreadyPresent));
        Assert.Equal(second.TargetId, Assert.Single(h.MyPlaylists("Restored twice")).Id);
        Assert.Equal(h.PlaylistUris(source), h.PlaylistUris(second.TargetId!));
        Assert.Contains(first.TargetId!, Assert.Single(h.Warnings), StringComparison.Ordinal);

        // And that new one is the journal's now: a third run continues it.
        var third = await h.ExecuteAsync(plan);
        Assert.Equal((second.TargetId, 0), (third.TargetId, third.Added));
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_found_by_its_token_and_not_made_twice()
    {
        await using var h = await RestoreHarness.StartAsync();
        var source = await h.AddSourcePlaylistAsync("Lost answer", 120);
        var plan = SpotifyRestore.PlanPlaylist(h.VaultPath, source, null, "Created once", isPublic: false);
        h.Fake.Faults.Add(new FaultRule { Kind = FaultKind.DropAfterApply, Route = RestoreHarness.CreateRoute });
        h.Fake.Requests.ResetCounts();

        var result = await h.ExecuteAsync(plan);

        var created = Assert.Single(h.MyPlaylists("Created once"));
        Assert.Equal(created.Id, result.TargetId);
        Assert.Equal(1, h.Count(RestoreHarness.CreateRoute));
        Assert.True(h.Count("GET /v1/me/playlists") >= 1, "the restore looks for the playlist before creating another");
        Assert.Equal(h.PlaylistUris(source), h.PlaylistUris(created.Id));
        Assert.Equal(0, h.Fake.Faults.Pending);
    }

    [Fact]
    public async Task An_add_whose_answer_was_lost_after_it_was_applied_is_checked_and_not_repeated()
    {
        await using var h = await RestoreHarness.StartAsync();
        var source = await h.AddSourcePlaylistAsync("Applied then dropped", 250);
        var plan = SpotifyRestore.PlanPlaylist(h.VaultPath, source, null, "No duplicates", isPublic: false);
        h.Fake.Faults.Add(new FaultRule { Kind = FaultKind.DropAfterApply, Route = RestoreHarness.ItemsRoute, Skip = 1 });
        h.Fake.Requests.ResetCounts();

        var result = await h.ExecuteAsync(plan);

        Assert.Equal(h.PlaylistUris(source), h.PlaylistUris(result.TargetId!));
        Assert.Equal(3, h.Count(RestoreHarness.ItemsRoute));
        Assert.Equal([100, 100, 50], h.AddSizes(result.TargetId!));
        Assert.True(h.Count("GET /v1/playlists/{id}/items") >= 2, "the target is read after the lost answer");
        Assert.Equal(0, h.Fake.Faults.Pending);
    }

    [Fact]
    public async Task An_add_dropped_before_it_was_applied_is_checked_and_sent_again()
    {
        await using var h = await RestoreHarness.StartAsync();
        var source = await h.AddSourcePlaylistAsync("Dropped", 250);
        var plan = SpotifyRestore.PlanPlaylist(h.VaultPath, source, null, "Sent again", isPublic: false);
        h.Fake.Faults.DropConnection(count: 1, route: RestoreHarness.ItemsRoute, skip: 1);
        h.Fake.Requests.ResetCounts();

        var result = await h.ExecuteAsync(plan);

        Assert.Equal(h.PlaylistUris(source), h.PlaylistUris(result.TargetId!));
        Assert.Equal(4, h.Count(RestoreHarness.ItemsRoute));
        Assert.Equal([100, 100, 50], h.AddSizes(result.TargetId!));
    }

    [Fact]
    public async Task Restoring_into_another_account_than_the_vaults_warns()
    {
        await using var h = await RestoreHarness.StartAsync();
        var source = await h.AddSourcePlaylistAsync("Moving", 3);
        var plan = SpotifyRestore.PlanPlaylist(h.VaultPath, source, null, "Moved", isPublic: false);

        await h.ExecuteAsync(plan, connection: c => new SpotifyConnection { Profile = c.Profile, UserId = "new-account", Scopes = c.Scopes });

        var warning = Assert.Single(h.Warnings);
        Assert.Contains($"'{h.Fake.Library.Me.Id}'", warning, StringComparison.Ordinal);
        Assert.Contains("'new-account'", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_modify_scope_the_restore_names_Connect_Spotify_AllowModify_and_writes_nothing()
    {
        await using var h = await RestoreHarness.StartAsync();
        var source = await h.AddSourcePlaylistAsync("Read only", 3);
        var plan = SpotifyRestore.PlanPlaylist(h.VaultPath, source, null, "Never made", isPublic: false);
        await h.ConnectAsync("reader", FakeAccounts.AllScopes.Where(s => !s.Contains("modify", StringComparison.Ordinal)));
        h.Fake.Requests.ResetCounts();

        // The stored scopes say it: no request at all.
        var stored = await Assert.ThrowsAsync<MusiVaultException>(() => h.ExecuteAsync(plan, "reader"));
        Assert.Equal(0, h.Writes());

        // Scopes not recorded (an older connection): Spotify's 403 says it, and the error is the same.
        var refused = await Assert.ThrowsAsync<MusiVaultException>(() => h.ExecuteAsync(plan, "reader", c => new SpotifyConnection { Profile = c.Profile, UserId = c.UserId }));
        Assert.Equal(1, h.Writes());
        Assert.Equal(403, Assert.Single(h.Fake.Requests.For(RestoreHarness.CreateRoute)).StatusCode);

        foreach (var ex in new[] { stored, refused })
        {
            Assert.Equal("SpotifyScopeMissing", ex.ErrorId);
            Assert.Equal(ErrorKind.PermissionDenied, ex.Category);
            Assert.Contains("Connect-Spotify -AllowModify", ex.Message, StringComparison.Ordinal);
        }
        Assert.Empty(h.MyPlaylists("Never made"));

        var library = (await h.PlanLibraryAsync(RestoreCollection.LikedSongs)).Single();
        var libraryError = await Assert.ThrowsAsync<MusiVaultException>(() => h.ExecuteAsync(library, "reader"));
        Assert.Equal("SpotifyScopeMissing", libraryError.ErrorId);
    }
}
