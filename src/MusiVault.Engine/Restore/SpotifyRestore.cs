using System.Globalization;
using Microsoft.Data.Sqlite;
using MusiVault.Engine.Import;
using MusiVault.Engine.Query;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Restore;

/// <summary>
/// The restore entry point for the cmdlets: plan (reads only: the vault, a CSV, the account's contains check), then
/// execute a plan (the writes). Only creates playlists and adds to them or to the library; never changes or deletes
/// anything the account already has.
/// </summary>
public static class SpotifyRestore
{
    private static readonly string[] PlaylistScopes = ["playlist-modify-private", "playlist-modify-public"];
    private static readonly string[] LibraryScopes = ["user-library-modify"];

    /// <summary>The vault's account (the source user), or null.</summary>
    public static string? SourceUser(string vaultPath) => new VaultQueries(vaultPath).OwningUser();

    /// <summary>A vault playlist (id, URI, link or exact name) now or as of a date.</summary>
    public static RestorePlan PlanPlaylist(string vaultPath, string playlist, DateTimeOffset? asOf, string? name, bool isPublic)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        var queries = new VaultQueries(vaultPath);
        var ids = queries.ResolvePlaylists(playlist);
        if (ids.Count != 1)
        {
            throw new MusiVaultException("PlaylistAmbiguous", ErrorKind.InvalidArgument,
                $"'{playlist}' names {ids.Count} playlists; restore one at a time (pipe them from Get-VaultPlaylist).", playlist);
        }
        var source = queries.Playlists(new PlaylistQuery { Ids = ids, IncludeDeleted = true }).First();
        var (items, skipped) = RestorePlanner.FromTracks(queries.Tracks(new TrackQuery { Playlist = ids[0], AsOf = asOf }), playlist: true);
        var when = (asOf ?? DateTimeOffset.Now).ToLocalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new RestorePlan("Playlist", source.Name, asOf, name ?? source.Name, items, skipped)
        {
            SourcePlaylistId = source.Id,
            SourceUser = queries.OwningUser(),
            Public = isPublic,
            Description = $"Restored by MusiVault from the vault: '{source.Name}' as it was on {when}.",
        };
    }

    /// <summary>An Exportify-style CSV (header Track URI, or any column of spotify:track: URIs).</summary>
    public static RestorePlan PlanCsv(string path, string? name, bool isPublic)
    {
        ArgumentNullException.ThrowIfNull(path);
        List<RestoreItem> items;
        List<RestoreSkip> skipped;
        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            (items, skipped) = RestorePlanner.FromCsv(CsvPlaylistReader.Read(reader).ToList());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MusiVaultException("RestoreCsvUnreadable", ErrorKind.ReadError, $"Cannot read '{path}': {ex.Message}", path, ex);
        }
        var title = name ?? Path.GetFileNameWithoutExtension(path);
        return new RestorePlan("Playlist", Path.GetFullPath(path), null, title, items, skipped)
        {
            Public = isPublic,
            Description = $"Restored by MusiVault from {Path.GetFileName(path)} on {DateTimeOffset.Now:yyyy-MM-dd}.",
        };
    }

    /// <summary>One plan per collection: what the vault had (now or then) that the account lacks (contains check, no write).</summary>
    public static async Task<IReadOnlyList<RestorePlan>> PlanLibraryAsync(SpotifyClient client, string vaultPath,
        IReadOnlyCollection<RestoreCollection> include, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(include);
        var queries = new VaultQueries(vaultPath);
        var owner = queries.OwningUser();
        var plans = new List<RestorePlan>();
        foreach (var collection in Enum.GetValues<RestoreCollection>().Where(include.Contains))
        {
            var (all, skipped) = SourceItems(queries, collection, asOf, owner);
            var (missing, present) = await LibraryRestorer.MissingAsync(client, all, cancellationToken);
            plans.Add(new RestorePlan(collection.ToString(), collection.ToString(), asOf, collection.ToString(), missing, skipped)
            {
                AlreadyPresent = present,
                SourceUser = owner,
            });
        }
        return plans;
    }

    /// <summary>
    /// Carries out a plan in the account of <paramref name="connection"/>; warns when that account is not the one the
    /// vault came from (moving to a new account is allowed, but should never happen by mistake).
    /// </summary>
    public static async Task<RestoreResult> ExecuteAsync(SpotifyClient client, SpotifyConnection connection, string vaultPath, RestorePlan plan,
        Action<string> warning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(warning);
        if (plan.SourceUser is { } source && connection.UserId is { } target && source != target)
        {
            warning($"The vault holds the library of Spotify user '{source}'; restoring into the account of '{target}'.");
        }
        var playlist = plan.Kind == "Playlist";
        if (connection.Scopes.Length > 0 && !(playlist ? PlaylistScopes : LibraryScopes).Any(connection.Scopes.Contains))
        {
            throw SpotifyClient.ScopeMissing(connection.Profile);
        }
        if (!playlist)
        {
            return await LibraryRestorer.RunAsync(client, plan, cancellationToken);
        }
        try
        {
            using var vault = VaultSession.Open(vaultPath, DateTimeOffset.UtcNow);
            return await new PlaylistRestorer(client, vault.RestoreJournal, warning).RunAsync(plan, connection.UserId ?? "", cancellationToken);
        }
        catch (SqliteException ex) when (VaultErrors.Translate(ex, Path.GetFullPath(vaultPath)) is { } vaultError)
        {
            // The journal could not be written (a full disk, a read-only vault): what was sent so far is journalled, a
            // rerun after the cause is fixed resumes there.
            throw vaultError;
        }
    }

    private static (List<RestoreItem>, List<RestoreSkip>) SourceItems(VaultQueries queries, RestoreCollection collection, DateTimeOffset? asOf, string? owner)
    {
        // Saved oldest first, so the account's newest-first order matches the vault's as closely as the API allows.
        static (List<RestoreItem>, List<RestoreSkip>) Oldest(IEnumerable<(string? Uri, string Name)> newestFirst)
        {
            var list = newestFirst.Reverse().ToList();
            var items = new List<RestoreItem>();
            var skipped = new List<RestoreSkip>();
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Uri is { } uri)
                {
                    items.Add(new RestoreItem(i, uri, list[i].Name));
                }
                else
                {
                    skipped.Add(new RestoreSkip { Position = i, Name = list[i].Name, Reason = RestorePlanner.Unknown });
                }
            }
            return (items, skipped);
        }
        switch (collection)
        {
            case RestoreCollection.LikedSongs:
                var (items, skipped) = RestorePlanner.FromTracks(queries.Tracks(new TrackQuery { Liked = true, AsOf = asOf }).Reverse(), playlist: false);
                return (items, skipped);
            case RestoreCollection.SavedAlbums:
                return Oldest(queries.Albums(new AlbumQuery { Saved = true, AsOf = asOf }).Select(a => ((string?)(a.Uri ?? "spotify:album:" + a.Id), a.Name)));
            case RestoreCollection.SavedShows:
                return Oldest(queries.Shows(new ShowQuery { Saved = true, AsOf = asOf }).Select(s => ((string?)(s.Uri ?? "spotify:show:" + s.Id), s.Name)));
            case RestoreCollection.SavedEpisodes:
                return Oldest(queries.Episodes(new EpisodeQuery { Saved = true, AsOf = asOf }).Select(e => ((string?)e.Uri, e.Name)));
            case RestoreCollection.FollowedArtists:
                return Oldest(queries.Artists(new ArtistQuery { Followed = true, AsOf = asOf }).Select(a => ((string?)(a.Uri ?? "spotify:artist:" + a.Id), a.Name)));
            default:
                // Followed playlists: the vault keeps no follow dates, so -AsOf does not apply; the current list is used.
                return Oldest(queries.Playlists(new PlaylistQuery()).Where(p => p.OwnerId != owner)
                    .Select(p => ((string?)(p.Uri ?? "spotify:playlist:" + p.Id), p.Name)));
        }
    }
}
