namespace MusiVault;

/// <summary>An album in the vault (saved, or seen on a track), as <c>Get-VaultAlbum</c> reports it.</summary>
public sealed class VaultAlbum : IVaultObject
{
    public string Id { get; set; } = "";
    public string? Uri { get; set; }
    public string Name { get; set; } = "";
    public VaultNameList Artists { get; set; } = VaultNameList.None;
    public string ArtistNames { get; set; } = "";
    public string? AlbumType { get; set; }
    public string? ReleaseDate { get; set; }
    public int? TotalTracks { get; set; }
    public string? Label { get; set; }
    public string? Upc { get; set; }
    /// <summary>Whether it is in your saved albums now.</summary>
    public bool Saved { get; set; }
    public DateTime? AddedAt { get; set; }
    /// <summary>When it left your saved albums (UTC).</summary>
    public DateTime? RemovedAt { get; set; }
}
