using MusiVault.Engine.Query;

namespace MusiVault.Engine.Export;

/// <summary>What Export-VaultPlaylist was asked for, everything already resolved to provider paths.</summary>
public sealed record PlaylistExportOptions
{
    public required string VaultPath { get; init; }

    /// <summary>A folder or a file; null means <see cref="CurrentDirectory"/>. A trailing separator means a folder.</summary>
    public string? Destination { get; init; }

    /// <summary>The caller's current location, for a relative or missing destination.</summary>
    public required string CurrentDirectory { get; init; }

    public PlaylistExportFormat Format { get; init; }

    /// <summary>Overwrite existing files.</summary>
    public bool Force { get; init; }

    /// <summary>The moment whose state is exported; null for the current state.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Also export entries removed since, with their removal date where the format has room.</summary>
    public bool IncludeRemoved { get; init; }
}

/// <summary>One playlist (or Liked Songs) chosen for export.</summary>
public sealed class PlaylistExportItem
{
    internal PlaylistExportItem(ExportPlaylist header) => Header = header;

    internal ExportPlaylist Header { get; }

    public string Name => Header.Name;

    /// <summary>The Spotify playlist id; null for Liked Songs.</summary>
    public string? Id => Header.Id;

    /// <summary>Spotify refused this app the entries (another user's playlist in Development Mode): the file has none.</summary>
    public bool EntriesWithheld => Header.ItemsAvailable == false;
}

/// <summary>A written export file and how many entries it holds.</summary>
public sealed record PlaylistExportResult(FileInfo File, long Entries);

/// <summary>
/// Export-VaultPlaylist's one entry point: chooses playlists (by name, wildcard, id, URI or link; Liked Songs; all),
/// hands out one file path per playlist, and writes each file atomically while streaming its entries from the vault.
/// The caller decides between choosing and writing (ShouldProcess), so nothing is created for a playlist it skips.
/// </summary>
public sealed class PlaylistExportService
{
    private readonly ReadSession _read;
    private readonly PlaylistExportOptions _options;
    private readonly ExportFormat _format;
    private readonly ExportDestination _destination;
    private readonly TimeProvider _clock;

    public PlaylistExportService(PlaylistExportOptions options)
        : this(options, TimeProvider.System)
    {
    }

    internal PlaylistExportService(PlaylistExportOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _options = options;
        _clock = clock;
        _read = new ReadSession(options.VaultPath);
        _format = options.Format switch
        {
            PlaylistExportFormat.ExportifyCsv => ExportFormat.ExportifyCsv,
            PlaylistExportFormat.M3u => ExportFormat.M3u,
            PlaylistExportFormat.Xspf => ExportFormat.Xspf,
            PlaylistExportFormat.Json => ExportFormat.Json,
            _ => throw new MusiVaultException("ExportFormatUnknown", ErrorKind.InvalidArgument, $"Unknown export format '{options.Format}'.", options.Format),
        };
        _destination = ExportDestination.Resolve(options.Destination, options.CurrentDirectory, _format, options.Force);
    }

    /// <summary>The resolved destination: the folder, or the one file.</summary>
    public string Destination => _destination.Path;

    /// <summary>
    /// The playlists a -Playlist value names, through the one resolver every -Playlist uses
    /// (<see cref="PlaylistReference"/>): an id, a spotify:playlist: URI or an open.spotify.com link, else a name or
    /// wildcard (current playlists winning over deleted ones). Nothing matching is PlaylistNotFound; a plain name
    /// shared by two playlists is PlaylistAmbiguous.
    /// </summary>
    public IReadOnlyList<PlaylistExportItem> Find(string playlist)
    {
        ArgumentException.ThrowIfNullOrEmpty(playlist);
        var ids = PlaylistReads.Resolve(_read, PlaylistReference.Parse(playlist));
        return Checked(Items(ExportReads.Playlists(_read, ids, includeDeleted: true, _options.AsOf)));
    }

    /// <summary>Playlists by id or URI, as Get-VaultPlaylist's PlaylistId property carries them.</summary>
    public IReadOnlyList<PlaylistExportItem> FindIds(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = Items(ExportReads.Playlists(_read, ids, includeDeleted: true, _options.AsOf));
        var missing = ids.Where(id => !found.Any(f => f.Id == id || f.Header.Uri == id)).ToList();
        if (missing.Count > 0)
        {
            throw new MusiVaultException("PlaylistNotFound", ErrorKind.ObjectNotFound,
                $"The vault has no playlist with the id '{missing[0]}'.", missing[0]);
        }
        return Checked(found);
    }

    /// <summary>
    /// Every playlist you have (had, with -AsOf), in your Spotify order, and Liked Songs first when
    /// <paramref name="withLiked"/>.
    /// </summary>
    public IReadOnlyList<PlaylistExportItem> All(bool withLiked)
    {
        var all = new List<PlaylistExportItem>();
        if (withLiked)
        {
            all.Add(new PlaylistExportItem(ExportReads.Liked(_read)));
        }
        all.AddRange(Items(ExportReads.Playlists(_read, null, includeDeleted: false, _options.AsOf)));
        return Checked(all);
    }

    public PlaylistExportItem Liked() => Checked([new PlaylistExportItem(ExportReads.Liked(_read))])[0];

    /// <summary>
    /// The file for this playlist. ExportFileExists when it exists and -Force was not given; ExportDestinationIsFile
    /// when the destination is one file that an earlier playlist already took.
    /// </summary>
    public string PathFor(PlaylistExportItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _destination.NextPath(item.Header);
    }

    /// <summary>Writes the file at <paramref name="path"/> (from <see cref="PathFor"/>): the old file or the whole new one.</summary>
    public PlaylistExportResult Write(PlaylistExportItem item, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var header = item.Header with { AsOf = _options.AsOf, ExportedAt = _clock.GetUtcNow() };
        // Both check an -AsOf against the vault's history here, before any file is created (AsOfBeforeHistory).
        var entries = header.Id is null
            ? ExportReads.LikedEntries(_read, _options.IncludeRemoved, _options.AsOf)
            : ExportReads.PlaylistEntries(_read, header.Id, _options.IncludeRemoved, _options.AsOf);
        long count = 0;
        var file = AtomicExportFile.Write(path, _options.Force,
            stream => count = PlaylistExporter.Write(_format, header, entries, stream, cancellationToken));
        return new PlaylistExportResult(file, count);
    }

    private static List<PlaylistExportItem> Items(IEnumerable<ExportPlaylist> headers) =>
        headers.Select(h => new PlaylistExportItem(h)).ToList();

    /// <summary>A file destination holds one playlist: refuse a choice of several before anything is written.</summary>
    private IReadOnlyList<PlaylistExportItem> Checked(List<PlaylistExportItem> items)
    {
        _destination.EnsureRoomFor(items.Count);
        return items;
    }
}
