using MusiVault.Engine.Import;
using MusiVault.Engine.Query;

namespace MusiVault.Engine.Restore;

/// <summary>One item a restore may send, in the order it is sent.</summary>
internal sealed record RestoreItem(int Position, string Uri, string? Name);

/// <summary>
/// What a restore will do, worked out from the vault (or a CSV) and, for the library, from what the account already
/// has. Building a plan sends no write; the cmdlet shows <see cref="Preview"/> for -WhatIf and executes it otherwise.
/// </summary>
public sealed class RestorePlan
{
    internal RestorePlan(string kind, string source, DateTimeOffset? asOf, string targetName, IReadOnlyList<RestoreItem> items, List<RestoreSkip> skipped)
    {
        Kind = kind;
        Source = source;
        AsOf = asOf;
        TargetName = targetName;
        Items = items;
        Skipped = skipped;
    }

    public string Kind { get; }
    public string Source { get; }
    public DateTimeOffset? AsOf { get; }
    public string TargetName { get; }
    internal IReadOnlyList<RestoreItem> Items { get; }
    internal List<RestoreSkip> Skipped { get; }
    internal string? SourcePlaylistId { get; init; }
    internal string? Description { get; init; }
    internal bool Public { get; init; }
    /// <summary>Library plans: items the account already has (found by the contains check).</summary>
    internal int AlreadyPresent { get; init; }

    /// <summary>The Spotify user the source came from, when known (the vault's account).</summary>
    public string? SourceUser { get; init; }

    /// <summary>How many items the restore would send.</summary>
    public int Count => Items.Count;

    /// <summary>The result as it stands before anything is written.</summary>
    public RestoreResult Preview() => new()
    {
        Kind = Kind,
        Source = Source,
        AsOf = AsOf,
        TargetName = TargetName,
        Planned = Items.Count + AlreadyPresent,
        AlreadyPresent = AlreadyPresent,
        Skipped = [.. Skipped],
        WhatIf = true,
    };
}

/// <summary>Turns vault entries or CSV rows into the items to send and the ones to skip, with reasons.</summary>
internal static class RestorePlanner
{
    public const string LocalFile = "local file: Spotify cannot add local files to a playlist";
    public const string Gone = "Spotify no longer has this item";
    public const string Unknown = "no Spotify URI known for this entry";

    public static (List<RestoreItem> Items, List<RestoreSkip> Skipped) FromTracks(IEnumerable<VaultTrack> tracks, bool playlist)
    {
        var items = new List<RestoreItem>();
        var skipped = new List<RestoreSkip>();
        var index = 0;
        foreach (var track in tracks)
        {
            var position = track.Position ?? index;
            index++;
            // An entry whose item Spotify now answers as null has no URI left, but it is gone, not unknown.
            var reason = track.IsLocal || track.Uri?.StartsWith("spotify:local:", StringComparison.Ordinal) == true ? LocalFile
                : !track.IsAvailable ? Gone
                : track.Uri is null || !IsSendable(track.Uri, playlist) ? Unknown
                : null;
            if (reason is null)
            {
                items.Add(new RestoreItem(position, track.Uri!, track.Name));
            }
            else
            {
                skipped.Add(new RestoreSkip { Position = position, Uri = track.Uri, Name = track.Name, Reason = reason });
            }
        }
        return (items, skipped);
    }

    public static (List<RestoreItem> Items, List<RestoreSkip> Skipped) FromCsv(IEnumerable<CsvPlaylistRow> rows)
    {
        var items = new List<RestoreItem>();
        var skipped = new List<RestoreSkip>();
        var index = 0;
        foreach (var row in rows)
        {
            if (row.Uri is { } uri && IsSendable(uri, playlist: true))
            {
                items.Add(new RestoreItem(index, uri, row.TrackName));
            }
            else
            {
                skipped.Add(new RestoreSkip
                {
                    Position = index,
                    Uri = string.IsNullOrEmpty(row.Value) ? null : row.Value,
                    Name = row.TrackName,
                    Reason = row.Value.StartsWith("spotify:local:", StringComparison.Ordinal) ? LocalFile : $"line {row.Line}: no Spotify track URI",
                });
            }
            index++;
        }
        return (items, skipped);
    }

    // Playlists take tracks and episodes; URIs are checked for shape so nothing malformed reaches Spotify.
    private static bool IsSendable(string uri, bool playlist)
    {
        var parts = uri.Split(':');
        return parts.Length == 3 && parts[0] == "spotify" && parts[2].Length > 0 && parts[2].All(char.IsAsciiLetterOrDigit) &&
               (parts[1] is "track" or "episode" || (!playlist && parts[1] is "album" or "show" or "artist" or "playlist"));
    }
}
