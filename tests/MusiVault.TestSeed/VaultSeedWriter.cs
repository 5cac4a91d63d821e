using System.Globalization;
using System.Text.Json;
using MusiVault;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Vault;

namespace MusiVault.TestSeed;

/// <summary>
/// Writes a <see cref="VaultSeed"/> through the vault's own store (VaultSession and its stores), as a sync would: the
/// seed gets the same rows a real vault has. Every fact with a time of its own (a removal, a deletion, a history row,
/// a run, a capture) is written in a session opened at that time, since the store stamps rows with its session's now.
/// </summary>
internal static class VaultSeedWriter
{
    /// <summary>When the seeded entities were first seen.</summary>
    private const string Seen = "2024-01-01T00:00:00.000Z";

    public static void Write(VaultSeed seed, string path)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (File.Exists(path))
        {
            throw new IOException($"{path} exists already; a seed makes a new vault.");
        }
        foreach (var run in seed.Runs)
        {
            WriteRun(path, run);
        }

        var items = seed.Items.ToDictionary(i => i.Uri, i => ToPlayable(seed, i, playable: true), StringComparer.Ordinal);
        At(path, Seen, vault =>
        {
            vault.Profile.Upsert(new SpotifyUser { Id = VaultSeed.Me, DisplayName = "Me", RawJson = "{}" });
            foreach (var a in seed.Artists)
            {
                vault.Entities.UpsertArtist(new SpotifyArtist
                {
                    Id = a.Id, Uri = "spotify:artist:" + a.Id, Name = a.Name, RawJson = "{}",
                    Genres = a.Genres is null ? [] : JsonSerializer.Deserialize<string[]>(a.Genres) ?? [],
                });
            }
            foreach (var a in seed.Albums)
            {
                vault.Entities.UpsertAlbum(new SpotifyAlbum
                {
                    Id = a.Id, Uri = "spotify:album:" + a.Id, Name = a.Name, ReleaseDate = a.ReleaseDate, RawJson = "{}",
                    Artists = a.ArtistIds.Select(id => ArtistRef(seed, id)).ToList(),
                });
                if (a.SavedAt is not null)
                {
                    vault.Saved.Save(SyncCollection.SavedAlbums, a.Id, Utc(a.SavedAt), a.SavePosition ?? 0);
                }
            }
            foreach (var sh in seed.Shows)
            {
                vault.Entities.UpsertShow(new SpotifyShow { Id = sh.Id, Uri = "spotify:show:" + sh.Id, Name = sh.Name, Publisher = sh.Publisher, RawJson = "{}" });
                if (sh.SavedAt is not null)
                {
                    vault.Saved.Save(SyncCollection.SavedShows, sh.Id, Utc(sh.SavedAt), 0);
                }
            }
            foreach (var item in items.Values)
            {
                vault.Entities.UpsertPlayable(item);
            }
            foreach (var l in seed.Likes)
            {
                vault.Saved.Save(SyncCollection.LikedSongs, l.Uri, Utc(l.AddedAt), l.Position);
            }
            foreach (var e in seed.SavedEpisodes)
            {
                vault.Saved.Save(SyncCollection.SavedEpisodes, e.Uri, Utc(e.AddedAt), 0);
            }
            var entries = vault.PlaylistEntries(vault.History(seed.Runs.FirstOrDefault()?.Id ?? 0));
            foreach (var p in seed.Playlists)
            {
                var playlist = new SpotifyPlaylist
                {
                    Id = p.Id, Uri = "spotify:playlist:" + p.Id, Name = p.Name, OwnerId = p.OwnerId,
                    OwnerName = p.OwnerId == VaultSeed.Me ? "Me" : p.OwnerId, Public = true, SnapshotId = "snap",
                    ItemsTotal = p.ItemsTotal ?? p.Entries.Length, RawJson = "{}",
                };
                vault.Playlists.UpsertListed(playlist, p.ListPosition);
                if (p.ItemsAvailable == false)
                {
                    vault.Playlists.MarkItemsRefused(p.Id, "refused");
                    continue;
                }
                entries.Replace(playlist, p.Entries.Select(e => new SpotifyPlaylistEntry
                {
                    AddedAt = Utc(e.AddedAt),
                    AddedBy = e.AddedBy,
                    IsLocal = e.IsLocal,
                    Item = e.ItemUri is null ? null : e.IsAvailable ? items[e.ItemUri] : ToPlayable(seed, seed.Items.Single(i => i.Uri == e.ItemUri), playable: false),
                }).ToList(), quiet: true);
            }
            foreach (var play in seed.Plays)
            {
                vault.Plays.Add(new SpotifyPlay { PlayedAt = Utc(play.PlayedAt)!.Value, Track = items[play.TrackUri], ContextType = play.ContextType });
            }
        });

        foreach (var a in seed.Artists.Where(a => a.FollowedAt is not null))
        {
            At(path, a.FollowedAt!, vault => vault.Saved.Save(SyncCollection.FollowedArtists, a.Id, null, a.FollowPosition ?? 0));
        }
        foreach (var a in seed.Artists.Where(a => a.UnfollowedAt is not null))
        {
            At(path, a.UnfollowedAt!, vault => vault.Saved.MarkRemoved(SyncCollection.FollowedArtists, a.Id));
        }
        foreach (var a in seed.Albums.Where(a => a.UnsavedAt is not null))
        {
            At(path, a.UnsavedAt!, vault => vault.Saved.MarkRemoved(SyncCollection.SavedAlbums, a.Id));
        }
        foreach (var sh in seed.Shows.Where(s => s.UnsavedAt is not null))
        {
            At(path, sh.UnsavedAt!, vault => vault.Saved.MarkRemoved(SyncCollection.SavedShows, sh.Id));
        }
        foreach (var l in seed.Likes.Where(l => l.RemovedAt is not null))
        {
            At(path, l.RemovedAt!, vault => vault.Saved.MarkRemoved(SyncCollection.LikedSongs, l.Uri));
        }
        foreach (var e in seed.SavedEpisodes.Where(e => e.RemovedAt is not null))
        {
            At(path, e.RemovedAt!, vault => vault.Saved.MarkRemoved(SyncCollection.SavedEpisodes, e.Uri));
        }
        foreach (var i in seed.Items.Where(i => i.UnavailableSince is not null))
        {
            At(path, i.UnavailableSince!, vault => vault.Entities.UpsertPlayable(ToPlayable(seed, i, playable: false)));
        }
        foreach (var p in seed.Playlists.Where(p => p.DeletedAt is not null))
        {
            At(path, p.DeletedAt!, vault => vault.Playlists.MarkDeleted(p.Id));
        }
        foreach (var capture in seed.Tops.GroupBy(t => (t.Type, t.Range, t.CapturedAt)))
        {
            At(path, capture.Key.CapturedAt, vault => vault.TopItems(seed.Runs.FirstOrDefault()?.Id ?? 0)
                .AddCapture(capture.Key.Type, capture.Key.Range, capture.OrderBy(t => t.Rank).Select(t => t.Key).ToList()));
        }
        foreach (var c in seed.Changes)
        {
            At(path, c.ObservedAt, vault => WriteChange(vault.History(c.RunId), c));
        }
    }

    private static void WriteRun(string path, SeedRun run)
    {
        using (var vault = VaultSession.Open(path, Utc(run.StartedAt)!.Value))
        {
            var id = vault.Runs.Start(run.Full);
            if (id != run.Id)
            {
                throw new InvalidOperationException($"Seed run {run.Id} got id {id}: list runs in id order from 1.");
            }
        }
        if (run.EndedAt is null)
        {
            return;
        }
        using var ended = VaultSession.Open(path, Utc(run.EndedAt)!.Value);
        ended.Runs.Finish(new SyncResult
        {
            RunId = run.Id, Status = run.Status, Full = run.Full, StartedAt = Utc(run.StartedAt)!.Value, EndedAt = Utc(run.EndedAt)!.Value,
            Requests = run.Requests, Throttled = 1,
            Warnings = run.Warnings is null ? [] : JsonSerializer.Deserialize<string[]>(run.Warnings) ?? [],
            Collections = [new SyncCollectionResult { Collection = "LikedSongs", Added = 1 }],
        }, run.Status == "failed" ? "seeded failure" : null);
    }

    private static void WriteChange(HistoryWriter history, SeedChange c)
    {
        switch (c.EntityType, c.Kind)
        {
            case ("playlist", "added"):
                history.PlaylistAdded(c.EntityId, c.Name!);
                break;
            case ("playlist", "removed"):
                history.PlaylistRemoved(c.EntityId, c.Name!);
                break;
            case ("playlist", "renamed"):
                history.PlaylistRenamed(c.EntityId, c.OldValue!, c.NewValue!);
                break;
            case ("playlist", _):
                throw new NotSupportedException($"Seed change: playlist '{c.Kind}'.");
            default:
                if (c.OldValue is not null || c.NewValue is not null)
                {
                    throw new NotSupportedException($"Seed change: old/new values on a {c.EntityType}.");
                }
                if (c.PlaylistId is null)
                {
                    history.Membership(c.EntityType, c.EntityId, c.Kind, c.Name);
                }
                else
                {
                    history.PlaylistEntry(c.EntityType, c.EntityId, c.Kind, c.Name, c.PlaylistId);
                }
                break;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction of a session whose now is <paramref name="time"/>.</summary>
    private static void At(string path, string time, Action<VaultSession> work)
    {
        using var vault = VaultSession.Open(path, Utc(time)!.Value);
        vault.InTransaction(() => work(vault));
    }

    private static SpotifyPlayable ToPlayable(VaultSeed seed, SeedItem item, bool playable)
    {
        var album = item.AlbumId is null ? null : seed.Albums.Single(a => a.Id == item.AlbumId);
        var show = item.ShowId is null ? null : seed.Shows.Single(s => s.Id == item.ShowId);
        return new SpotifyPlayable
        {
            Kind = item.Type == "episode" ? PlayableKind.Episode : PlayableKind.Track,
            Id = item.Id,
            Uri = item.Uri,
            Name = item.Name,
            IsLocal = item.Type == "local",
            DurationMs = item.DurationMs,
            Explicit = item.Explicit,
            Isrc = item.Isrc,
            IsPlayable = playable ? null : false,
            Artists = item.ArtistNames.Select((name, i) => item.ArtistIds?[i] is { } id
                ? new SpotifyArtistRef(id, "spotify:artist:" + id, name)
                : new SpotifyArtistRef(null, null, name)).ToList(),
            Album = album is not null
                ? new SpotifyAlbumRef(album.Id, "spotify:album:" + album.Id, album.Name, null, album.ReleaseDate, null, album.ArtistIds.Select(id => ArtistRef(seed, id)).ToList(), [])
                : item.AlbumName is null ? null : new SpotifyAlbumRef(null, null, item.AlbumName, null, null, null, [], []),
            Show = show is null ? null : new SpotifyShowRef(show.Id, "spotify:show:" + show.Id, show.Name, show.Publisher),
            // A different text when not playable, so the store sees the change and records when it happened.
            RawJson = playable ? "{}" : """{"is_playable":false}""",
        };
    }

    private static SpotifyArtistRef ArtistRef(VaultSeed seed, string id) =>
        new(id, "spotify:artist:" + id, seed.Artists.Single(a => a.Id == id).Name);

    private static DateTimeOffset? Utc(string? text) => text is null
        ? null
        : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
