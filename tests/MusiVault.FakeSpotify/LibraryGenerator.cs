namespace MusiVault.FakeSpotify;

/// <summary>
/// Builds a library from a seed and a size. The same seed and spec always give the same library (ids, names, order,
/// timestamps), so tests and benchmarks can be repeated; the awkward cases real libraries contain are always present.
/// </summary>
public static class LibraryGenerator
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

    private sealed class Gen(int seed)
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

        private void MakePlaylists(LibrarySpec spec)
        {
            var me = lib.Me;
            var specials = new List<FakePlaylist>();
            var budget = spec.TotalEntries;

            FakePlaylist New(string name, FakeUser owner, bool? isPublic = false, bool collaborative = false)
            {
                var p = new FakePlaylist
                {
                    Id = SpotifyId(),
                    Name = name,
                    Owner = owner,
                    Public = isPublic,
                    Collaborative = collaborative,
                    Followers = rng.Next(0, 50),
                    Description = rng.Next(3) == 0 ? null : "Made with " + Phrase(1, 2).ToLowerInvariant() + " &amp; care",
                    PrimaryColor = rng.Next(4) == 0 ? "#" + rng.Next(0, 0xFFFFFF).ToString("X6") : null,
                };
                // Playlists carry a mosaic (three sizes) or one uploaded cover; new empty ones none.
                AddImageSet(p.Images, rng.Next(2) == 0 ? 3 : 1);
                lib.AllPlaylists[p.Id] = p;
                return p;
            }

            // 1. SQL-ish name, with duplicates of the same track inside it.
            var dup = New(NastyNames[0], me);
            Fill(dup, 25, me);
            var twice = dup.Entries[3].Item;
            dup.Entries.Insert(10, Entry(twice, me));
            dup.Entries.Add(Entry(twice, me));
            dup.Entries.Add(Entry(dup.Entries[0].Item, me));
            specials.Add(dup);

            // 2. Wildcard name, with local files among normal tracks.
            var local = New(NastyNames[1], me, isPublic: true);
            Fill(local, 12, me);
            for (var i = 0; i < 4; i++)
            {
                local.Entries.Insert(i * 3, Entry(LocalTrack(i), me));
            }

            specials.Add(local);

            // 3. Non-ASCII name, tracks and podcast episodes mixed.
            var mixed = New(UnicodeNames[0], me, isPublic: true);
            Fill(mixed, 10, me);
            for (var i = 0; i < 5; i++)
            {
                mixed.Entries.Insert(i * 2 + 1, Entry(episodeList[rng.Next(episodeList.Count)], me));
            }

            specials.Add(mixed);

            // 4. Collaborative, owned by a friend; the user is a collaborator, entries added by both.
            var collab = New("Road trip 🚗 (collab)", friends[0], isPublic: false, collaborative: true);
            collab.Collaborators.Add(me);
            Fill(collab, 15, friends[0]);
            for (var i = 0; i < collab.Entries.Count; i += 2)
            {
                collab.Entries[i].AddedBy = me;
            }

            specials.Add(collab);

            // 5. Followed, owned by someone else: items are 403 in 2026 Development Mode.
            var foreign = New("Today's Top Hits (followed)", friends[3], isPublic: null);
            Fill(foreign, 30, friends[3]);
            foreign.Followers = 34_000_000;
            specials.Add(foreign);

            // 6. Empty.
            var empty = New("Empty for now", me);
            empty.Images.Clear();
            empty.Description = null;
            specials.Add(empty);

            // 7. Null items (removed content) and very old entries without added_at/added_by.
            var holes = New("Old stuff with holes", me, isPublic: null);
            Fill(holes, 12, me);
            holes.Entries.Insert(2, new FakePlaylistEntry { AddedAt = Epoch.AddYears(-9), AddedBy = new FakeUser { Id = string.Empty }, Item = null });
            holes.Entries.Insert(7, new FakePlaylistEntry { AddedAt = Epoch.AddYears(-9), AddedBy = new FakeUser { Id = string.Empty }, Item = null });
            holes.Entries[0].AddedAt = null;
            holes.Entries[0].AddedBy = null;
            specials.Add(holes);

            if (spec.IncludeHugePlaylist)
            {
                var huge = New("Everything (10k)", me);
                Fill(huge, spec.HugePlaylistEntries, me);
                specials.Add(huge);
            }

            budget -= specials.Sum(p => p.Entries.Count);
            var regularCount = Math.Max(0, spec.Playlists - specials.Count);
            var regular = new List<FakePlaylist>();
            for (var i = 0; i < regularCount; i++)
            {
                var name = i switch
                {
                    0 => UnicodeNames[2],
                    1 => NastyNames[2],
                    2 => new string('L', 40) + " a very long playlist name " + new string('x', 220),
                    3 => NastyNames[0], // two playlists may share a name
                    _ => Phrase(1, 3) + (rng.Next(5) == 0 ? " " + UnicodeNames[rng.Next(UnicodeNames.Count)] : string.Empty),
                };
                // A few regular ones are followed from friends (their items 403 too), most are the user's own.
                var owner = i % 25 == 24 ? friends[rng.Next(friends.Count)] : me;
                regular.Add(New(name, owner, isPublic: rng.Next(3) == 0));
            }

            // Spread the remaining entries over the regular playlists, unevenly like real libraries.
            if (regular.Count > 0 && budget > 0)
            {
                var weights = regular.Select(_ => rng.NextDouble() * rng.NextDouble() + 0.02).ToArray();
                var sum = weights.Sum();
                var left = budget;
                for (var i = 0; i < regular.Count; i++)
                {
                    var n = i == regular.Count - 1 ? left : Math.Min(left, (int)(budget * weights[i] / sum));
                    Fill(regular[i], n, regular[i].Owner);
                    left -= n;
                }
            }

            // Interleave so the special cases are not all on the first page of /me/playlists.
            var all = new List<FakePlaylist>(regular);
            for (var i = 0; i < specials.Count; i++)
            {
                var at = Math.Min(all.Count, i * Math.Max(1, all.Count / Math.Max(1, specials.Count)) + (i % 3));
                all.Insert(at, specials[i]);
            }

            lib.Playlists.AddRange(all);
        }

        private void Fill(FakePlaylist p, int count, FakeUser addedBy)
        {
            // Playlist entries are added over time; entries draw half from liked songs, half from the whole catalog.
            var t = Epoch.AddDays(-rng.Next(30, 2_000));
            for (var i = 0; i < count; i++)
            {
                t = t.AddSeconds(rng.Next(1, 40_000));
                FakePlayable item = rng.Next(2) == 0 && lib.LikedTracks.Count > 0
                    ? lib.LikedTracks[rng.Next(lib.LikedTracks.Count)].Item
                    : catalogTracks[rng.Next(catalogTracks.Count)];
                p.Entries.Add(new FakePlaylistEntry { AddedAt = t, AddedBy = addedBy, Item = item });
            }
        }

        private static FakePlaylistEntry Entry(FakePlayable? item, FakeUser by) =>
            new() { AddedAt = Epoch.AddDays(-3), AddedBy = by, Item = item };

        private FakeTrack LocalTrack(int i)
        {
            string[] artists = ["The Waymores", "Garage Band Ø", "Unknown Artist", "Zoë & the 'Quotes'"];
            string[] titles = ["Heart of Stone", "Demo #3 (rough)", "Track 01", "Café Session: 100%"];
            return new FakeTrack
            {
                Id = null,
                IsLocal = true,
                Name = titles[i % titles.Length],
                LocalArtistName = artists[i % artists.Length],
                LocalAlbumName = i == 2 ? string.Empty : "Home Recordings " + (i + 1),
                DurationMs = (120 + (i * 37)) * 1000,
                DiscNumber = 0,
                TrackNumber = 0,
            };
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

        private List<T> Shuffled<T>(List<T> source)
        {
            var copy = new List<T>(source);
            for (var i = copy.Count - 1; i > 0; i--)
            {
                var j = rng.Next(i + 1);
                (copy[i], copy[j]) = (copy[j], copy[i]);
            }

            return copy;
        }

        private void AddImageSet(List<FakeImage> images, int count)
        {
            int[] sizes = [640, 300, 64];
            for (var i = 0; i < count; i++)
            {
                images.Add(Image(sizes[i], sizes[i]));
            }
        }

        private FakeImage Image(int? w, int? h) => new(seed.ToString("x") + "-" + (++imageCounter).ToString("x"), w, h);

        private string Phrase(int min, int max)
        {
            var n = rng.Next(min, max + 1);
            var parts = new string[n];
            for (var i = 0; i < n; i++)
            {
                parts[i] = Words[rng.Next(Words.Length)];
            }

            return string.Join(' ', parts);
        }

        private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

        public string SpotifyId()
        {
            while (true)
            {
                var chars = new char[22];
                for (var i = 0; i < chars.Length; i++)
                {
                    chars[i] = Base62[rng.Next(62)];
                }

                var id = new string(chars);
                if (usedIds.Add(id))
                {
                    return id;
                }
            }
        }

        private string UserId()
        {
            const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            var chars = new char[25];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[rng.Next(alphabet.Length)];
            }

            return new string(chars);
        }

        private string Digits(int n)
        {
            var chars = new char[n];
            for (var i = 0; i < n; i++)
            {
                chars[i] = (char)('0' + rng.Next(10));
            }

            return new string(chars);
        }

        private string Letters(int n)
        {
            var chars = new char[n];
            for (var i = 0; i < n; i++)
            {
                chars[i] = (char)('A' + rng.Next(26));
            }

            return new string(chars);
        }
    }
}
