namespace MusiVault.Engine.Export;

/// <summary>
/// The playlist id inside what a user may paste for -Playlist: a spotify:playlist: URI or an open.spotify.com
/// playlist link (with or without a locale segment such as /intl-de/, query string or fragment). Anything else is
/// left to the name and wildcard match.
/// </summary>
internal static class PlaylistIdentity
{
    private const string UriPrefix = "spotify:playlist:";

    public static string? IdOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        if (value.StartsWith(UriPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Checked(value[UriPrefix.Length..]);
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var link)
            || link.Scheme is not ("https" or "http")
            || !link.Host.Equals("open.spotify.com", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var segments = link.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindIndex(segments, s => s.Equals("playlist", StringComparison.OrdinalIgnoreCase));
        return at >= 0 && at + 1 < segments.Length ? Checked(segments[at + 1]) : null;
    }

    private static string? Checked(string id) => ExportText.IsSpotifyId(id) ? id : null;
}
