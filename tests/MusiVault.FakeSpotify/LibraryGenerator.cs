namespace MusiVault.FakeSpotify;

/// <summary>
/// Builds a library from a seed and a size. The same seed and spec always give the same library (ids, names, order,
/// timestamps), so tests and benchmarks can be repeated; the awkward cases real libraries contain are always present.
/// </summary>
public static partial class LibraryGenerator
{
    /// <summary>Names that break naive SQL, LIKE patterns, CSV and terminals.</summary>
    public static readonly IReadOnlyList<string> NastyNames =
    [
        "'; DROP TABLE tracks;--",
        "100% _real_ [live]",
        "Robert'); DROP TABLE playlists;--",
        "O'Brien \"The Quote\" Sessions",
        "back\\slash / forward",
        "*",
        "%_%",
        "Semi;colon, Comma",
    ];

    /// <summary>Non-ASCII names: emoji, CJK, accents, Cyrillic, right-to-left, combining marks.</summary>
    public static readonly IReadOnlyList<string> UnicodeNames =
    [
        "🔥 東京の夜 Café ☕",
        "Björk Ångström Øresund",
        "夜に駆ける",
        "Москва Ночью",
        "Zoë's naïve café",
        "مرحبا بالعالم",
        "Cafe\u0301 (combining accent)",
        "🎧🎶💿",
        "서울의 밤",
        "Ελληνικά τραγούδια",
    ];

    private static readonly string[] Words =
    [
        "Midnight", "Echo", "Golden", "River", "Neon", "Velvet", "Ghost", "Summer", "Paper", "Electric", "Silver",
        "Wild", "Ocean", "Broken", "Crystal", "Desert", "Fever", "Honey", "Iron", "Jungle", "Lunar", "Magnetic",
        "Northern", "Orange", "Pixel", "Quiet", "Rebel", "Static", "Tidal", "Urban", "Violet", "Winter", "Young",
        "Zero", "Heart", "Light", "Dream", "Fire", "Rain", "Stars", "Road", "City", "Night", "Wave", "Sound", "Love",
    ];

    private static readonly string[] Genres =
    [
        "indie pop", "swedish hip hop", "j-pop", "k-pop", "deep house", "jazz", "classical", "metal", "folk", "techno",
        "bossa nova", "afrobeats", "city pop", "shoegaze", "reggaeton",
    ];

    private static readonly DateTimeOffset Epoch = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    public static FakeLibrary Generate(int seed, LibrarySpec spec)
    {
        var g = new Gen(seed);
        return g.Build(spec);
    }

    private sealed partial class Gen(int seed)
    {
        private readonly Random rng = new(seed);
        private readonly HashSet<string> usedIds = new(StringComparer.Ordinal);
        private FakeLibrary lib = null!;
        private readonly List<FakeTrack> catalogTracks = [];
        private readonly List<FakeArtist> artistList = [];
        private readonly List<FakeAlbum> albumList = [];
        private readonly List<FakeEpisode> episodeList = [];
        private readonly List<FakeShow> showList = [];
        private readonly List<FakeUser> friends = [];
        private int imageCounter;

        public FakeLibrary Build(LibrarySpec spec)
        {
            var me = new FakeUser { Id = UserId(), DisplayName = "Zoë Fake-Listener 🎧", Followers = 12 };
            me.Images.Add(Image(300, 300));
            lib = new FakeLibrary { Me = me };
            lib.Users[me.Id] = me;

            friends.Add(AddUser("Ana Friend"));
            friends.Add(AddUser(null)); // display_name null happens for real accounts
            friends.Add(AddUser("山田 太郎"));
            var spotifyUser = new FakeUser { Id = "spotify", DisplayName = "Spotify" };
            lib.Users[spotifyUser.Id] = spotifyUser;
            friends.Add(spotifyUser);

            var catalogSize = Math.Max(spec.LikedTracks + (spec.LikedTracks / 3) + 200, 400);
            MakeArtists(Math.Max(60, catalogSize / 8));
            MakeAlbumsAndTracks(catalogSize);
            MakeShows(Math.Max(6, spec.SavedShows + 3));

            MakeLiked(spec.LikedTracks);
            MakePlaylists(spec);
            MakeSaved(spec);
            MakeTopAndRecent(spec);
            return lib;
        }

        private FakeUser AddUser(string? name)
        {
            var u = new FakeUser { Id = UserId(), DisplayName = name, Followers = rng.Next(0, 500) };
            lib.Users[u.Id] = u;
            return u;
        }

        private void MakeArtists(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var a = new FakeArtist
                {
                    Id = SpotifyId(),
                    Name = i < UnicodeNames.Count ? UnicodeNames[i] : i < UnicodeNames.Count + 3 ? NastyNames[i - UnicodeNames.Count] : Phrase(1, 3),
                    Followers = rng.Next(10, 5_000_000),
                    Popularity = rng.Next(0, 100),
                };
                a.Genres.Add(Genres[rng.Next(Genres.Length)]);
                if (rng.Next(3) == 0)
                {
                    a.Genres.Add(Genres[rng.Next(Genres.Length)]);
                }

                AddImageSet(a.Images, rng.Next(4) == 0 ? 1 : 3);
                lib.Artists[a.Id] = a;
                artistList.Add(a);
            }
        }

        private void MakeAlbumsAndTracks(int trackCount)
        {
            var trackIndex = 0;
            while (trackIndex < trackCount)
            {
                var album = new FakeAlbum
                {
                    Id = SpotifyId(),
                    Name = albumList.Count % 37 == 5 ? NastyNames[(albumList.Count / 37) % NastyNames.Count] : Phrase(1, 4),
                    AlbumType = rng.Next(10) switch { < 6 => "album", < 9 => "single", _ => "compilation" },
                    ReleaseDate = string.Empty,
                    Label = Phrase(1, 2) + " Records",
                    Upc = Digits(12),
                    Popularity = rng.Next(0, 100),
                };
                var year = rng.Next(1965, 2026);
                switch (rng.Next(10))
                {
                    case 0:
                        album.ReleaseDate = year.ToString();
                        album.ReleaseDatePrecision = "year";
                        break;
                    case 1:
                        album.ReleaseDate = $"{year}-{rng.Next(1, 13):00}";
                        album.ReleaseDatePrecision = "month";
                        break;
                    default:
                        album.ReleaseDate = $"{year}-{rng.Next(1, 13):00}-{rng.Next(1, 29):00}";
                        break;
                }

                album.Artists.Add(artistList[rng.Next(artistList.Count)]);
                if (rng.Next(8) == 0)
                {
                    album.Artists.Add(artistList[rng.Next(artistList.Count)]);
                }

                // Albums usually carry three sizes, widest first; a few carry one or none.
                AddImageSet(album.Images, rng.Next(12) switch { 0 => 0, 1 => 1, _ => 3 });
                lib.Albums[album.Id] = album;
                albumList.Add(album);

                var n = album.AlbumType == "single" ? rng.Next(1, 4) : rng.Next(5, 15);
                for (var t = 0; t < n && trackIndex < trackCount; t++, trackIndex++)
                {
                    var track = new FakeTrack
                    {
                        Id = SpotifyId(),
                        Name = TrackName(trackIndex),
                        Album = album,
                        DurationMs = rng.Next(60_000, 420_000),
                        Explicit = rng.Next(6) == 0,
                        DiscNumber = t >= 10 ? 2 : 1,
                        TrackNumber = t >= 10 ? t - 9 : t + 1,
                        Isrc = "US" + Letters(3) + Digits(7),
                        Popularity = rng.Next(0, 100),
                    };
                    track.Artists.AddRange(album.Artists);
                    // Features: several artists, credited in order.
                    if (rng.Next(5) == 0)
                    {
                        var extra = rng.Next(1, 3);
                        for (var e = 0; e < extra; e++)
                        {
                            var feat = artistList[rng.Next(artistList.Count)];
                            if (!track.Artists.Contains(feat))
                            {
                                track.Artists.Add(feat);
                            }
                        }
                    }

                    album.Tracks.Add(track);
                    lib.Tracks[track.Id!] = track;
                    catalogTracks.Add(track);
                }
            }
        }

        private string TrackName(int i)
        {
            if (i < NastyNames.Count * 3 && i % 3 == 1)
            {
                return NastyNames[i / 3];
            }

            if (i < UnicodeNames.Count * 3 && i % 3 == 2)
            {
                return UnicodeNames[i / 3];
            }

            var name = Phrase(1, 4);
            return rng.Next(15) switch
            {
                0 => name + " - Remastered " + rng.Next(2001, 2025),
                1 => name + " (feat. " + artistList[rng.Next(artistList.Count)].Name + ")",
                2 => name + " - Live",
                _ => name,
            };
        }

        private void MakeShows(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var show = new FakeShow
                {
                    Id = SpotifyId(),
                    Name = i == 0 ? "Podcast: 日本語 & Ümlauts" : Phrase(2, 3) + " Podcast",
                    Publisher = Phrase(1, 2) + " Media",
                    Description = "Talk about " + Phrase(2, 4).ToLowerInvariant() + ".",
                    Explicit = rng.Next(4) == 0,
                };
                AddImageSet(show.Images, 3);
                var episodes = rng.Next(6, 14);
                for (var e = 0; e < episodes; e++)
                {
                    var ep = new FakeEpisode
                    {
                        Id = SpotifyId(),
                        Show = show,
                        Name = $"#{episodes - e}: {Phrase(2, 5)}",
                        DurationMs = rng.Next(900_000, 7_200_000),
                        Explicit = show.Explicit,
                        Description = "Episode about " + Phrase(2, 5).ToLowerInvariant() + ".",
                        ReleaseDate = Epoch.AddDays(-7 * e - rng.Next(0, 7)).ToString("yyyy-MM-dd"),
                    };
                    AddImageSet(ep.Images, 3);
                    show.Episodes.Add(ep);
                    lib.Episodes[ep.Id!] = ep;
                    episodeList.Add(ep);
                }

                lib.Shows[show.Id] = show;
                showList.Add(show);
            }
        }

        private void MakeLiked(int count)
        {
            var picks = Shuffled(catalogTracks).Take(Math.Min(count, catalogTracks.Count)).ToList();
            var t = Epoch;
            foreach (var track in picks)
            {
                // Newest first, strictly decreasing so added_at order is unambiguous.
                t = t.AddSeconds(-rng.Next(60, 86_400 * 3));
                lib.LikedTracks.Add(new FakeSaved<FakeTrack> { AddedAt = t, Item = track });
            }
        }

        private void MakeSaved(LibrarySpec spec)
        {
            var t = Epoch;
            foreach (var album in Shuffled(albumList).Take(Math.Min(spec.SavedAlbums, albumList.Count)))
            {
                t = t.AddHours(-rng.Next(1, 400));
                lib.SavedAlbums.Add(new FakeSaved<FakeAlbum> { AddedAt = t, Item = album });
            }

            t = Epoch;
            foreach (var show in showList.Take(Math.Min(spec.SavedShows, showList.Count)))
            {
                t = t.AddHours(-rng.Next(1, 400));
                lib.SavedShows.Add(new FakeSaved<FakeShow> { AddedAt = t, Item = show });
            }

            t = Epoch;
            foreach (var ep in Shuffled(episodeList).Take(Math.Min(spec.SavedEpisodes, episodeList.Count)))
            {
                t = t.AddHours(-rng.Next(1, 100));
                lib.SavedEpisodes.Add(new FakeSaved<FakeEpisode> { AddedAt = t, Item = ep });
            }

            lib.FollowedArtists.AddRange(Shuffled(artistList).Take(Math.Min(spec.FollowedArtists, artistList.Count)));
        }

        private void MakeTopAndRecent(LibrarySpec spec)
        {
            foreach (var range in TimeRanges.All)
            {
                lib.TopArtists[range] = Shuffled(artistList).Take(Math.Min(spec.TopItems, artistList.Count)).ToList();
                lib.TopTracks[range] = Shuffled(catalogTracks).Take(Math.Min(spec.TopItems, catalogTracks.Count)).ToList();
            }

            var t = Epoch.AddHours(6);
            for (var i = 0; i < spec.RecentlyPlayed; i++)
            {
                t = t.AddMilliseconds(-rng.Next(60_000, 600_000));
                var track = rng.Next(3) == 0 ? catalogTracks[rng.Next(catalogTracks.Count)] : lib.LikedTracks.Count > 0 ? lib.LikedTracks[rng.Next(lib.LikedTracks.Count)].Item : catalogTracks[0];
                var context = rng.Next(3) switch
                {
                    0 => null,
                    1 => track.Album?.Uri,
                    _ => lib.Playlists.Count > 0 ? lib.Playlists[rng.Next(lib.Playlists.Count)].Uri : null,
                };
                lib.RecentlyPlayed.Add(new FakePlay { PlayedAt = t, Track = track, ContextUri = context });
            }
        }
    }
}
