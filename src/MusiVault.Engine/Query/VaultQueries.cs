namespace MusiVault.Engine.Query;

/// <summary>
/// The one way the cmdlets read a vault: a typed method per Get-Vault* cmdlet (and per completer). Each opens the
/// vault read-only, so reading never creates, migrates or rewrites it; a missing file is <c>VaultNotFound</c>.
/// List methods return lazy sequences: the vault is opened on the first MoveNext, each object is built as its row
/// is read, and disposing the enumerator closes the connection. Filters become parameterised SQL; name filters are
/// PowerShell wildcards (see <see cref="VaultWildcard"/>). Readers use WAL snapshots, so they keep working while a
/// sync writes. The SQL of each entity family sits beside its row mapping in the *Reads files of this folder.
/// </summary>
public sealed class VaultQueries(string vaultPath)
{
    private readonly ReadSession _read = new(vaultPath);

    public string VaultPath => _read.VaultPath;

    /// <summary>Called once per row read from SQLite; lets tests observe streaming.</summary>
    internal Action? RowRead
    {
        get => _read.RowRead;
        set => _read.RowRead = value;
    }

    public VaultInfo Info() => VaultInfoReads.Info(_read);

    /// <summary>
    /// Tracks of the library, liked songs or playlists. <paramref name="warning"/> hears about playlists whose items
    /// Spotify withheld (listed as empty), once per playlist per call.
    /// </summary>
    public IEnumerable<VaultTrack> Tracks(TrackQuery query, Action<string>? warning = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        return TrackReads.Tracks(_read, query, warning);
    }

    /// <summary>The ids of the playlists a -Playlist text (id, URI, open.spotify.com link, name or wildcard) names.</summary>
    public IReadOnlyList<string> ResolvePlaylists(string playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        return PlaylistReads.Resolve(_read, PlaylistReference.Parse(playlist));
    }

    public IEnumerable<VaultPlaylist> Playlists(PlaylistQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return PlaylistReads.Playlists(_read, query);
    }

    public IEnumerable<VaultAlbum> Albums(AlbumQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return AlbumReads.Albums(_read, query);
    }

    public IEnumerable<VaultArtist> Artists(ArtistQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ArtistReads.Artists(_read, query);
    }

    /// <summary>Distinct artist names credited on items matching a wildcard, for completion.</summary>
    public IEnumerable<string> ArtistNames(string namePattern, int first)
    {
        ArgumentNullException.ThrowIfNull(namePattern);
        return ArtistReads.CreditedNames(_read, namePattern, first);
    }

    public IEnumerable<VaultShow> Shows(ShowQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ShowReads.Shows(_read, query);
    }

    public IEnumerable<VaultEpisode> Episodes(EpisodeQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ShowReads.Episodes(_read, query);
    }

    /// <summary>The latest capture of each requested (type, time range), rank by rank.</summary>
    public IEnumerable<VaultTopItem> TopItems(TopItemQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return TopItemReads.TopItems(_read, query);
    }

    /// <summary>Plays from every source, newest first.</summary>
    public IEnumerable<VaultPlay> Plays(PlayQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return PlayReads.Plays(_read, query);
    }

    /// <summary>Plays grouped by <paramref name="by"/> (time buckets in the local time zone); the <paramref name="top"/> most played groups.</summary>
    public IEnumerable<VaultPlayMeasure> MeasurePlays(PlayQuery query, VaultPlayGrouping by, int? top)
    {
        ArgumentNullException.ThrowIfNull(query);
        return PlayReads.Measure(_read, query, by, top);
    }

    /// <summary>History rows, newest first.</summary>
    public IEnumerable<VaultChange> Changes(ChangeQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return HistoryReads.Changes(_read, query);
    }

    /// <summary>Sync runs, oldest first; with <paramref name="last"/>, only the most recent ones.</summary>
    public IEnumerable<SyncRun> SyncRuns(int? last) => HistoryReads.SyncRuns(_read, last);

    /// <summary>
    /// Point in time: the earliest instant the vault knows the entries of <paramref name="playlist"/> (id, URI or exact
    /// name); null when never read. An -AsOf before it is <c>AsOfBeforeHistory</c>.
    /// </summary>
    public DateTimeOffset? PlaylistHistoryStart(string playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        // Merge of r2-restore with the shared resolver (which returns every playlist a wildcard names): the earliest.
        return PlaylistReads.Resolve(_read, PlaylistReference.Parse(playlist)).Select(id => AsOfReads.PlaylistStart(_read, id)).Min();
    }

    /// <summary>The Spotify user whose library the vault archives; null before the first sync.</summary>
    public string? OwningUser() => ProfileReads.OwningUser(_read);

    /// <summary>Point in time: the earliest instant the vault knows a saved collection (liked songs, saved albums, ...).</summary>
    public DateTimeOffset? CollectionHistoryStart(SyncCollection collection) =>
        AsOfReads.CollectionStart(_read, collection switch
        {
            SyncCollection.LikedSongs => AsOfReads.LikedTracks,
            SyncCollection.SavedAlbums => AsOfReads.SavedAlbums,
            SyncCollection.SavedShows => AsOfReads.SavedShows,
            SyncCollection.SavedEpisodes => AsOfReads.SavedEpisodes,
            SyncCollection.FollowedArtists => AsOfReads.FollowedArtists,
            _ => throw new ArgumentOutOfRangeException(nameof(collection), collection, "Not a saved collection."),
        });

    /// <summary>A name with PowerShell's wildcard characters escaped, so that it matches only itself.</summary>
    public static string EscapeWildcard(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return VaultWildcard.Escape(text);
    }
}
