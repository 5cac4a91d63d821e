namespace MusiVault;

/// <summary>One row of the vault's history, as <c>Get-VaultChange</c> reports it.</summary>
public sealed class VaultChange : IVaultObject
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public DateTimeOffset ObservedAt { get; set; }
    /// <summary>added, removed, renamed, reordered, changed, unavailable, available, liked, unliked, followed, ...</summary>
    public string Kind { get; set; } = "";
    /// <summary>track, album, artist, show, episode, playlist, profile.</summary>
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string? Name { get; set; }
    /// <summary>The playlist's name (its id when the vault has no such playlist) for changes inside a playlist.</summary>
    public string? Playlist { get; set; }
    public string? PlaylistId { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    /// <summary>For an item added to, removed from or changed in a playlist: its 0-based position there (as
    /// VaultTrack.Position), before the change for a removal, after it otherwise; null for other changes.</summary>
    public int? Position { get; set; }
}
