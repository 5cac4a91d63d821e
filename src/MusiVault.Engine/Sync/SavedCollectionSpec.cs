using MusiVault.Engine.Spotify;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Sync;

/// <summary>
/// How one saved collection is read and stored. Offset-paged collections (liked songs, albums, shows, episodes) are
/// newest first with added dates; followed artists are cursor-paged, in a stable order, without dates.
/// </summary>
internal sealed class SavedCollectionSpec<T>
    where T : class
{
    public required SyncCollection Collection { get; init; }
    public required string EntityType { get; init; }
    public required string AddedKind { get; init; }
    public required string RemovedKind { get; init; }
    public Func<SpotifyClient, int, CancellationToken, Task<SpotifyPage<SpotifySaved<T>>>>? FetchOffset { get; init; }
    public Func<SpotifyClient, string?, CancellationToken, Task<SpotifyPage<SpotifySaved<T>>>>? FetchCursor { get; init; }
    public required Func<T, string> Key { get; init; }
    public required Func<T, string> Name { get; init; }
    /// <summary>Stores the item; returns the availability transition it observed (playables only).</summary>
    public required Func<EntityStore, T, AvailabilityChange> Upsert { get; init; }
}

internal static class SavedCollections
{
    public static readonly SavedCollectionSpec<SpotifyPlayable> LikedSongs = new()
    {
        Collection = SyncCollection.LikedSongs,
        EntityType = "track",
        AddedKind = VaultChangeKind.Liked,
        RemovedKind = VaultChangeKind.Unliked,
        FetchOffset = (client, offset, ct) => client.GetSavedTracksPageAsync(offset, ct),
        Key = t => t.Uri,
        Name = t => t.Name,
        Upsert = (store, t) => store.UpsertPlayable(t),
    };

    public static readonly SavedCollectionSpec<SpotifyAlbum> SavedAlbums = new()
    {
        Collection = SyncCollection.SavedAlbums,
        EntityType = "album",
        AddedKind = VaultChangeKind.Saved,
        RemovedKind = VaultChangeKind.Unsaved,
        FetchOffset = (client, offset, ct) => client.GetSavedAlbumsPageAsync(offset, ct),
        Key = a => a.Id,
        Name = a => a.Name,
        Upsert = (store, a) =>
        {
            store.UpsertAlbum(a);
            return AvailabilityChange.None;
        },
    };

    public static readonly SavedCollectionSpec<SpotifyShow> SavedShows = new()
    {
        Collection = SyncCollection.SavedShows,
        EntityType = "show",
        AddedKind = VaultChangeKind.Saved,
        RemovedKind = VaultChangeKind.Unsaved,
        FetchOffset = (client, offset, ct) => client.GetSavedShowsPageAsync(offset, ct),
        Key = s => s.Id,
        Name = s => s.Name,
        Upsert = (store, s) =>
        {
            store.UpsertShow(s);
            return AvailabilityChange.None;
        },
    };

    public static readonly SavedCollectionSpec<SpotifyPlayable> SavedEpisodes = new()
    {
        Collection = SyncCollection.SavedEpisodes,
        EntityType = "episode",
        AddedKind = VaultChangeKind.Saved,
        RemovedKind = VaultChangeKind.Unsaved,
        FetchOffset = (client, offset, ct) => client.GetSavedEpisodesPageAsync(offset, ct),
        Key = e => e.Uri,
        Name = e => e.Name,
        Upsert = (store, e) => store.UpsertPlayable(e),
    };

    public static readonly SavedCollectionSpec<SpotifyArtist> FollowedArtists = new()
    {
        Collection = SyncCollection.FollowedArtists,
        EntityType = "artist",
        AddedKind = VaultChangeKind.Followed,
        RemovedKind = VaultChangeKind.Unfollowed,
        FetchCursor = async (client, after, ct) => AsSaved(await client.GetFollowedArtistsPageAsync(after, ct)),
        Key = a => a.Id,
        Name = a => a.Name,
        Upsert = (store, a) =>
        {
            store.UpsertArtist(a);
            return AvailabilityChange.None;
        },
    };

    /// <summary>Followed artists as saved entries without dates, so they take the saved collections' path.</summary>
    private static SpotifyPage<SpotifySaved<SpotifyArtist>> AsSaved(SpotifyPage<SpotifyArtist> page) => new()
    {
        Items = page.Items.Select(a => new SpotifySaved<SpotifyArtist> { Item = a }).ToList(),
        Offset = page.Offset,
        Limit = page.Limit,
        Total = page.Total,
        Next = page.Next,
        CursorAfter = page.CursorAfter,
        CursorBefore = page.CursorBefore,
        NextOffset = page.NextOffset,
        RawItemCount = page.RawItemCount,
    };
}
