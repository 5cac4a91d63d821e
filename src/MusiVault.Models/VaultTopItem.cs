namespace MusiVault;

public enum VaultTopItemType
{
    Artist,
    Track,
}

/// <summary>Spotify's three windows for top items: about 4 weeks, about 6 months, about a year.</summary>
public enum VaultTimeRange
{
    Short,
    Medium,
    Long,
}

/// <summary>One ranked entry of a top-artists or top-tracks capture, as <c>Get-VaultTopItem</c> reports it.</summary>
public sealed class VaultTopItem : IVaultObject
{
    // Text rather than the enums, so that ConvertTo-Json and Export-Csv print "Artist" and "Short", not numbers.
    /// <summary>Artist or Track.</summary>
    public string Type { get; set; } = "";
    /// <summary>Short, Medium or Long.</summary>
    public string TimeRange { get; set; } = "";
    /// <summary>1 for the top item.</summary>
    public int Rank { get; set; }
    public string Name { get; set; } = "";
    /// <summary>For tracks: the track's artists joined with "; ".</summary>
    public string? ArtistNames { get; set; }
    public string? Id { get; set; }
    /// <summary>Artist id or track URI, as the capture stored it.</summary>
    public string ItemKey { get; set; } = "";
    public DateTime CapturedAt { get; set; }
}
