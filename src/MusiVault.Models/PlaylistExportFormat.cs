namespace MusiVault;

/// <summary>The file formats Export-VaultPlaylist writes (-Format).</summary>
public enum PlaylistExportFormat
{
    /// <summary>Exportify's CSV columns, which playlist importers read (.csv).</summary>
    ExportifyCsv,

    /// <summary>Extended M3U, UTF-8 (.m3u8), one open.spotify.com link per entry.</summary>
    M3u,

    /// <summary>XSPF version 1 (.xspf).</summary>
    Xspf,

    /// <summary>The playlist and its items in Spotify's own 2026 object shape (.json).</summary>
    Json,
}
