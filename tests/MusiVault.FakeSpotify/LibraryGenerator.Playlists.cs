namespace MusiVault.FakeSpotify;

public static partial class LibraryGenerator
{
    /// <summary>The user's playlists: the awkward special cases (nasty names, duplicates, local files, episodes, collaborative, followed, empty, holes) and the regular ones, filled with entries.</summary>
    private sealed partial class Gen
    {
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
    }
}
