using System.Text.RegularExpressions;

namespace MusiVault.Engine.Query;

/// <summary>
/// What a user may type to name a playlist, everywhere a -Playlist parameter appears: a Spotify id, a
/// <c>spotify:playlist:</c> URI, an <c>https://open.spotify.com/playlist/…</c> link (share links carry <c>?si=…</c>,
/// some an <c>/intl-xx/</c> or <c>/user/…/</c> segment), or a name, which may be a PowerShell wildcard. Parsing needs
/// no vault; <see cref="ResolveIn"/> turns the reference into playlist ids of one vault. The one resolver: export,
/// restore and the readers all go through it, so a link that works for one works for all.
/// </summary>
internal sealed partial class PlaylistReference
{
    private PlaylistReference(string text, string? id, VaultWildcard? name)
    {
        Text = text;
        Id = id;
        Name = name;
    }

    /// <summary>What the user typed.</summary>
    public string Text { get; }

    /// <summary>The playlist id, when the text is an id, URI or link.</summary>
    public string? Id { get; }

    /// <summary>The name pattern, when the text is a name (matched case-insensitively, wildcards allowed).</summary>
    internal VaultWildcard? Name { get; }

    /// <summary>True when the text may match several playlists (a wildcard name).</summary>
    public bool IsPattern => Name is { IsLiteral: false };

    /// <summary>Reads a reference. A name that is not a valid wildcard pattern is an InvalidArgument error.</summary>
    public static PlaylistReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (UriPattern().Match(trimmed) is { Success: true } uri)
        {
            return new PlaylistReference(text, uri.Groups["id"].Value, null);
        }
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var link) && link.Scheme is "https" or "http"
            && link.Host.Equals("open.spotify.com", StringComparison.OrdinalIgnoreCase))
        {
            var match = LinkPathPattern().Match(link.AbsolutePath);
            if (!match.Success)
            {
                throw new MusiVaultException("PlaylistLinkInvalid", ErrorKind.InvalidArgument,
                    $"'{text}' is an open.spotify.com link but not to a playlist (expected https://open.spotify.com/playlist/<id>).", text);
            }
            return new PlaylistReference(text, match.Groups["id"].Value, null);
        }
        return new PlaylistReference(text, null, VaultWildcard.Parse(text));
    }

    /// <summary>
    /// The ids of the playlists this reference names in the vault, in the vault's playlist order. An id, URI or link
    /// matches the playlist with that id; a name matches names case-insensitively, current playlists winning over
    /// deleted ones. Nothing matching is <c>PlaylistNotFound</c>; a plain (non-wildcard) name shared by two playlists
    /// is <c>PlaylistAmbiguous</c>, since guessing would list the wrong one.
    /// </summary>
    internal IReadOnlyList<string> ResolveIn(IEnumerable<(string Id, string? Uri, string Name, bool Deleted)> playlists)
    {
        var candidates = new List<(string Id, bool Deleted)>();
        foreach (var p in playlists)
        {
            if (Id is not null ? p.Id == Id : p.Id == Text || p.Uri == Text)
            {
                return [p.Id];
            }
            // A name is also taken literally, so 'Editorial [Top]' finds itself although [Top] is a wildcard class.
            if (Name is not null && (Name.IsMatch(p.Name) || string.Equals(p.Name, Text, StringComparison.OrdinalIgnoreCase)))
            {
                candidates.Add((p.Id, p.Deleted));
            }
        }
        var current = candidates.Where(c => !c.Deleted).ToList();
        var matches = current.Count > 0 ? current : candidates;
        if (matches.Count == 0)
        {
            throw new MusiVaultException("PlaylistNotFound", ErrorKind.ObjectNotFound,
                Id is not null
                    ? $"The vault has no playlist with the id '{Id}' (from '{Text}'). Run Sync-SpotifyLibrary if it is new."
                    : $"The vault has no playlist with the id or name '{Text}'.", Text);
        }
        if (matches.Count > 1 && !IsPattern)
        {
            throw new MusiVaultException("PlaylistAmbiguous", ErrorKind.InvalidArgument,
                $"{matches.Count} playlists are named '{Text}' (ids {string.Join(", ", matches.Select(m => m.Id))}); use -Playlist with an id.", Text);
        }
        return matches.Select(m => m.Id).ToList();
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^spotify:(?:user:[^:]+:)?playlist:(?<id>[A-Za-z0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex UriPattern();

    [GeneratedRegex(@"^/(?:intl-[A-Za-z-]+/)?(?:user/[^/]+/)?playlist/(?<id>[A-Za-z0-9]+)/?$", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPathPattern();
}
