using MusiVault.Engine.Query;
using MusiVault.Engine.Report;
using MusiVault.Engine.Tests.Query;

namespace MusiVault.Engine.Tests.Report;

/// <summary>ReportReads against the messy seeded vault: each section computed again from the seed alone.</summary>
public sealed class ReportReadsTests(SeededVaultFixture fixture) : IClassFixture<SeededVaultFixture>
{
    private static readonly DateTimeOffset Now = new(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly VaultSeed _seed = fixture.Seed;

    private ReportData Read(ReportWindow window = default, TimeZoneInfo? zone = null) =>
        ReportReads.Read(fixture.Path, window, zone ?? TimeZoneInfo.Utc, Now, CancellationToken.None);

    [Fact]
    public void Overview_counts_are_Get_VaultInfo_s()
    {
        var info = new VaultQueries(fixture.Path).Info();
        var o = Read().Overview;
        Assert.Equal(
            [info.LikedTracks, info.Playlists, info.PlaylistEntries, info.Albums, info.Artists, info.Shows, info.Episodes, info.Plays],
            [o.LikedSongs, o.Playlists, o.PlaylistEntries, o.Albums, o.Artists, o.Shows, o.Episodes, o.Plays]);
        Assert.Equal(["Editorial [Top]"], o.Withheld.Select(w => w.Name));
        Assert.NotNull(o.VaultCreatedAt);
        Assert.Equal(new DateTimeOffset(2024, 6, 3, 0, 0, 0, TimeSpan.Zero), o.LastSyncAt);
        Assert.Null(o.LastBackupAt);
    }

    [Fact]
    public void Playlists_are_the_live_ones_with_their_entries_in_order_and_their_change_log()
    {
        var data = Read();
        var live = _seed.Playlists.Where(p => p.DeletedAt is null).OrderBy(p => p.ListPosition).ToList();
        Assert.Equal(live.Select(p => p.Name), data.Playlists.Select(p => p.Name));
        foreach (var (expected, actual) in live.Zip(data.Playlists))
        {
            Assert.Equal(expected.Entries.Length, actual.EntryCount);
            Assert.Equal(expected.Entries.Select(e => Name(e)), actual.Entries.Select(e => data.Tracks[e.TrackIndex].Name));
            // The seed writes through the real store, which records history of its own as well.
            Assert.True(actual.ChangeCount >= _seed.Changes.Count(c => c.PlaylistId == expected.Id));
            Assert.Equal(actual.ChangeCount, actual.Changes.Count);
        }
        var roadTrip = data.Playlists[0];
        Assert.Contains(roadTrip.Changes, c => c.Kind == "unavailable" && data.Tracks[c.TrackIndex!.Value].Name == "Gone Song");
        Assert.Contains(roadTrip.Changes, c => c.Kind == "added" && c.TrackIndex is { } i && data.Tracks[i].Name == "Semi; colon");
        Assert.Equal(roadTrip.Changes.OrderByDescending(c => c.At).Select(c => c.At), roadTrip.Changes.Select(c => c.At));
        Assert.Equal(["Édith Piaf", "snake_case"], data.Tracks.Single(t => t.Name == "éclair").Artists);
    }

    [Fact]
    public void Vanished_tracks_are_newest_first_with_the_playlist_they_left()
    {
        var data = Read();
        Assert.Equal(
            [("Gone Song", "Road Trip", VanishedReason.Unavailable), ("Don't Stop", "Liked Songs", VanishedReason.Unliked)],
            data.RecentlyVanished.Select(v => (data.Tracks[v.TrackIndex].Name, v.Playlist, v.Reason)));
    }

    [Fact]
    public void Library_months_count_likes_and_entries_by_added_date_and_losses_by_history()
    {
        var months = Read().LibraryByMonth.ToDictionary(m => m.Month.ToString());
        Assert.Equal(_seed.Likes.Count, months.Values.Sum(m => m.LikedAdded));
        Assert.Equal(1, months["2023-11"].LikedAdded);
        Assert.Equal(7, months["2024-03"].EntriesAdded);
        Assert.Equal(1, months["2024-06"].Unliked);
        Assert.Equal(1, months["2024-06"].BecameUnavailable);
        Assert.Equal(0, months["2024-06"].EntriesRemoved); // a removed playlist is not a removed entry
    }

    [Fact]
    public void Months_are_local_months()
    {
        // Ten hours west of UTC, the like of 2023-11-01T08:00Z is in October and that of 2023-12-01T08:00Z in November.
        var west = TimeZoneInfo.CreateCustomTimeZone("test-10", TimeSpan.FromHours(-10), "test-10", "test-10");
        var months = Read(zone: west).LibraryByMonth.ToDictionary(m => m.Month.ToString());
        Assert.Equal(1, months["2023-10"].LikedAdded);
        Assert.Equal(1, months["2023-11"].LikedAdded);
        // ... and that of 2024-01-01T08:00Z in December.
        Assert.Equal(1, months[new ReportMonth(2023, 12).ToString()].LikedAdded);
    }

    [Fact]
    public void A_year_window_narrows_history_but_not_the_current_library()
    {
        var data = Read(ReportWindow.Of(2023, null, null, TimeZoneInfo.Utc));
        Assert.Equal(["2023-11", "2023-12"], data.LibraryByMonth.Select(m => m.Month.ToString()));
        Assert.Empty(data.RecentlyVanished);
        Assert.All(data.Playlists, p => Assert.Equal(0, p.ChangeCount));
        Assert.Equal(7, data.Playlists[0].EntryCount);
        var all = Read().Overview;
        Assert.Equal((all.LikedSongs, all.PlaylistEntries, all.Plays), (data.Overview.LikedSongs, data.Overview.PlaylistEntries, data.Overview.Plays));
    }

    [Fact]
    public void After_and_Before_bound_the_window_inside_a_year()
    {
        var window = ReportWindow.Of(2024, new DateTimeOffset(2024, 6, 2, 0, 0, 0, TimeSpan.Zero), null, TimeZoneInfo.Utc);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), window.To);
        var data = Read(window);
        Assert.Equal([VanishedReason.Unavailable, VanishedReason.Unliked], data.RecentlyVanished.Select(v => v.Reason));
        Assert.Equal(0, data.LibraryByMonth.Sum(m => m.LikedAdded));
    }

    [Fact]
    public void Every_index_is_valid_and_the_report_renders()
    {
        var data = Read();
        using var writer = new StringWriter();
        ReportRenderer.Render(data, writer, new ReportRenderOptions { TimeZone = TimeZoneInfo.Utc }, CancellationToken.None);
        Assert.Contains("Road Trip 100% _Live_", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Listening_follows_the_plays_the_vault_holds()
    {
        var listening = Read().Listening;
        // Before the plays table (issue 16) the API's recently played is not a listening history: the section explains.
        if (listening is null)
        {
            return;
        }
        Assert.Equal(_seed.Plays.Count, listening.Plays);
        Assert.Equal(_seed.Plays.Count, listening.ByMonth.Sum(m => m.Plays));
        Assert.Equal(new DateOnly(2024, 6, 2), listening.OnThisDayDate);
        Assert.Equal(["éclair"], listening.OnThisDay.Select(p => p.Name));
        var year = Assert.Single(listening.TopByYear);
        Assert.Equal(2024, year.Year);
        Assert.Equal(_seed.Plays.Count, year.TopTracks.Sum(t => t.Plays));
    }

    private string Name(SeedEntry e) =>
        e.ItemUri is null ? "(unknown item)" : _seed.Items.Single(i => i.Uri == e.ItemUri).Name;
}
