namespace MusiVault.Engine;

/// <summary>
/// Spotify's time windows for top items: the one mapping between <see cref="VaultTimeRange"/> and the text that both
/// the Web API (<c>time_range</c>) and the vault (<c>top_items.time_range</c>) use.
/// </summary>
internal static class TimeRangeText
{
    public static string ToText(VaultTimeRange range) => range switch
    {
        VaultTimeRange.Short => "short_term",
        VaultTimeRange.Medium => "medium_term",
        VaultTimeRange.Long => "long_term",
        _ => throw new ArgumentOutOfRangeException(nameof(range), range, null),
    };

    /// <summary>The range a stored text names; an unknown text reads as the longest window, as Spotify's default.</summary>
    public static VaultTimeRange FromText(string? text) => text switch
    {
        "short_term" => VaultTimeRange.Short,
        "medium_term" => VaultTimeRange.Medium,
        _ => VaultTimeRange.Long,
    };
}
