using MusiVault.Engine.Report;

namespace MusiVault.Engine.Tests.Report;

/// <summary>Report models built by hand: a small hostile one for the browser checks, a large one for size.</summary>
internal static class ReportSamples
{
    public const string ScriptName = "<script>alert(1)</script>";
    public const string ImageName = "<img src=x onerror=alert(2)>";
    public const string EmojiTrack = "Guitar 🎸 Hero";
    public const string RtlTrack = "שלום עולם";
    public const string QuotedPlaylist = "Lo-fi \"beats\" & 'chill' </script>";

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("Report+2", TimeSpan.FromHours(2), "Report+2", "Report+2");

    public static readonly DateTimeOffset Now = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    /// <summary>Months 2023-01 … 2025-06 with some empty ones left out: the chart must still show 30 points.</summary>
    public static readonly ReportMonth FirstLibraryMonth = new(2023, 1);
    public const int LibraryMonthCount = 30;
    public const int ListeningMonthCount = 24;

    public static ReportData Hostile(bool withPlays = true)
    {
        var tracks = new List<ReportTrack>
        {
            new(ScriptName, ["Evil \"Quote\" Band"], "It's <b>bold</b>", "spotify:track:0000000000000000000001"),
            new(EmojiTrack, ["Emoji 😀 Artist"], "🎵 Notes"),
            new(RtlTrack, ["فيروز"], "ألبوم"),
            new(ImageName, ["Img & Co"], null),
        };
        for (var i = 0; i < 40; i++)
        {
            tracks.Add(new($"Plain track {i}", [$"Artist {i % 7}", "Featured"], $"Album {i % 9}"));
        }

        var playlists = new List<ReportPlaylist>
        {
            Playlist("Road trip 🚗", "me", [1, 2, 4, 5, 6]),
            Playlist("<script>alert('pl')</script>", "\"owner\" <b>", [0, 3, 7]),
            Playlist(QuotedPlaylist, "me", [8, 9, 10, 11, 1, 14]),
            Playlist("עברית", "‏שם", [12, 13]),
        };

        var library = new List<LibraryMonth>();
        var month = FirstLibraryMonth;
        for (var i = 0; i < LibraryMonthCount; i++, month = month.Next())
        {
            if (i % 7 != 3 || i == LibraryMonthCount - 1)
            {
                library.Add(new LibraryMonth(month, 10 + i, 20 + i % 5, i % 4, i % 3, i % 2));
            }
        }

        return new ReportData
        {
            GeneratedAt = Now,
            VaultName = "vault <test>.db",
            Overview = new ReportOverview
            {
                LikedSongs = 1234, Playlists = 4, PlaylistEntries = 16, Albums = 78, Artists = 90, Shows = 3, Episodes = 12,
                Plays = withPlays ? 45678 : 0,
                VaultCreatedAt = Now.AddYears(-2).AddMonths(-3), LastSyncAt = Now.AddHours(-5), LastBackupAt = null,
                Withheld = [new WithheldPlaylist("Someone's <i>mix</i>", "spotify")],
            },
            LibraryByMonth = library,
            RecentlyVanished =
            [
                new VanishedTrack(0, "<script>alert('pl')</script>", Now.AddDays(-3), VanishedReason.Removed),
                new VanishedTrack(2, "עברית", Now.AddDays(-10), VanishedReason.Unavailable),
            ],
            Listening = withPlays ? Listening() : null,
            Playlists = playlists,
            Tracks = tracks,
        };
    }

    private static ReportListening Listening()
    {
        var heat = new ListeningHeatMap();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            for (var hour = 0; hour < 24; hour++)
            {
                heat[day, hour] = (hour * 7 + (int)day * 13) % 50;
            }
        }

        var months = new List<ListeningMonth>();
        var month = new ReportMonth(2024, 1);
        for (var i = 0; i < ListeningMonthCount; i++, month = month.Next())
        {
            months.Add(new ListeningMonth(month, 20 + i * 1.5, 300 + i * 10));
        }

        return new ReportListening
        {
            ByMonth = months,
            HeatMap = heat,
            Plays = 45678,
            SkippedPlays = 4568,
            TopByYear =
            [
                new ListeningYear(2025, 512.5, [new RankedItem("فيروز", null, 300, 20)], [new RankedItem(EmojiTrack, "Emoji 😀 Artist", 120, 6)],
                    [new RankedItem("🎵 Notes", "Emoji 😀 Artist", 99, 5, "https://i.scdn.co/image/ab67616d0000b273000000000000000000000001")]),
                new ListeningYear(2024, 400, [new RankedItem(ScriptName, null, 10, 1)], [], []),
            ],
            OnThisDayDate = new DateOnly(2025, 11, 27),
            OnThisDay = [new OnThisDayPlay(Now.AddYears(-1).AddHours(-3), RtlTrack, "فيروز", Skipped: true)],
        };
    }

    private static ReportPlaylist Playlist(string name, string owner, int[] tracks) => new()
    {
        Name = name,
        Owner = owner,
        SpotifyUri = "spotify:playlist:37i9dQZF1DXcBWIGoYBM5M",
        EntryCount = tracks.Length,
        LastChangedAt = Now.AddDays(-tracks.Length),
        ChangeCount = tracks.Length + 1,
        Entries = tracks.Select((t, i) => new ReportEntry(t, Now.AddDays(-100 + i))).ToList(),
        Changes =
        [
            new ReportChange(Now.AddDays(-1), "removed", tracks[0], null),
            new ReportChange(Now.AddDays(-2), "renamed", null, "old <name> → " + name),
        ],
    };

    /// <summary>
    /// Sized like a vault of 40,000 playlist entries and 1,000,000 plays over ten years: 200 playlists, 30,000 distinct
    /// tracks, 120 months, top 20 per year, a year of change log per playlist (cut to 200 rows), 100 vanished tracks.
    /// </summary>
    public static ReportData Large()
    {
        var random = new Random(17);
        var tracks = new List<ReportTrack>(30_000);
        for (var i = 0; i < 30_000; i++)
        {
            tracks.Add(new ReportTrack(
                $"Track title number {i} (Remastered {2000 + i % 25})",
                i % 5 == 0 ? [$"Artist {i % 3000}", $"Guest {i % 700}"] : [$"Artist {i % 3000}"],
                $"Album {i % 4000} — Deluxe Edition",
                $"spotify:track:{i:D22}"));
        }

        var playlists = new List<ReportPlaylist>(200);
        for (var p = 0; p < 200; p++)
        {
            var entries = Enumerable.Range(0, 200).Select(_ => new ReportEntry(random.Next(tracks.Count), Now.AddMinutes(-random.Next(5_000_000)))).ToList();
            var changes = Enumerable.Range(0, 200)
                .Select(i => new ReportChange(Now.AddHours(-i * 40), i % 3 == 0 ? "removed" : "added", random.Next(tracks.Count), null))
                .ToList();
            playlists.Add(new ReportPlaylist
            {
                Name = $"Playlist {p} mixed 🎧", Owner = $"owner{p % 10}", SpotifyUri = $"spotify:playlist:{p:D22}",
                ImageUrl = $"https://i.scdn.co/image/{p:D40}", EntryCount = entries.Count, LastChangedAt = Now.AddDays(-p),
                ChangeCount = 350, Entries = entries, Changes = changes,
            });
        }

        var library = new List<LibraryMonth>();
        var listening = new List<ListeningMonth>();
        var years = new List<ListeningYear>();
        var month = new ReportMonth(2016, 12);
        for (var i = 0; i < 120; i++, month = month.Next())
        {
            library.Add(new LibraryMonth(month, random.Next(200), random.Next(600), random.Next(100), random.Next(30), random.Next(20)));
            listening.Add(new ListeningMonth(month, random.Next(10, 80), random.Next(2000, 14000)));
        }

        for (var year = 2016; year <= 2026; year++)
        {
            List<RankedItem> Top(string kind) =>
                Enumerable.Range(0, 20).Select(i => new RankedItem($"{kind} {year}-{i} with a longish name", kind == "Artist" ? null : $"Artist {i}", 900 - i * 30, 50 - i, kind == "Album" ? $"https://i.scdn.co/image/{i:D40}" : null)).ToList();
            years.Add(new ListeningYear(year, 600, Top("Artist"), Top("Track"), Top("Album")));
        }

        var heat = new ListeningHeatMap();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            for (var hour = 0; hour < 24; hour++)
            {
                heat[day, hour] = random.Next(20_000);
            }
        }

        return new ReportData
        {
            GeneratedAt = Now,
            VaultName = "large.db",
            Overview = new ReportOverview
            {
                LikedSongs = 8000, Playlists = 200, PlaylistEntries = 40_000, Albums = 4000, Artists = 3000, Plays = 1_000_000,
                VaultCreatedAt = Now.AddYears(-10), LastSyncAt = Now, LastBackupAt = Now,
            },
            LibraryByMonth = library,
            RecentlyVanished = Enumerable.Range(0, 100).Select(i => new VanishedTrack(i, $"Playlist {i}", Now.AddDays(-i), (VanishedReason)(i % 3))).ToList(),
            Listening = new ReportListening
            {
                ByMonth = listening, TopByYear = years, HeatMap = heat, Plays = 1_000_000, SkippedPlays = 180_000,
                OnThisDayDate = new DateOnly(2025, 11, 27),
                OnThisDay = Enumerable.Range(0, 40).Select(i => new OnThisDayPlay(Now.AddYears(-1).AddMinutes(i * 4), $"Track {i}", "Artist", i % 5 == 0)).ToList(),
            },
            Playlists = playlists,
            Tracks = tracks,
        };
    }
}
