namespace MusiVault;

/// <summary>Who reported a play: Spotify's recently-played API (Sync-SpotifyLibrary), the privacy export, or both.</summary>
[Flags]
public enum VaultPlaySource
{
    None = 0,
    Api = 1,
    Export = 2,
}

/// <summary>One play, as <c>Get-VaultPlay</c> reports it. Fields the source did not give are null.</summary>
public sealed class VaultPlay : IVaultObject
{
    /// <summary>When the play ended (both Spotify's export and its API record the end).</summary>
    public DateTimeOffset EndedAt { get; set; }
    /// <summary>How long it played; null for plays only the API reported (it does not say). In PowerShell a TimeSpan
    /// (see OutputAdapter); the CLR value is the text CSV and JSON carry (VaultFormat.DurationData).</summary>
    public string? Played => VaultFormat.DurationData(PlayedValue);
    internal TimeSpan? PlayedValue { get; set; }
    /// <summary>track, episode or audiobook; null when Spotify could not say what was played.</summary>
    public string? Kind { get; set; }
    /// <summary>The track, episode or audiobook chapter title.</summary>
    public string? Name { get; set; }
    public string? Uri { get; set; }
    public string? Artist { get; set; }
    public string? Album { get; set; }
    /// <summary>The show of an episode, the book of an audiobook chapter.</summary>
    public string? Show { get; set; }
    public string? Platform { get; set; }
    public string? Country { get; set; }
    public bool? Shuffle { get; set; }
    public bool? Skipped { get; set; }
    public string? ReasonStart { get; set; }
    public string? ReasonEnd { get; set; }
    public bool? Offline { get; set; }
    public DateTimeOffset? OfflineAt { get; set; }
    public bool? Incognito { get; set; }
    public VaultPlaySource Source { get; set; }
    /// <summary>What it was played from (API plays only): playlist, album, artist, show...</summary>
    public string? ContextType { get; set; }
    public string? ContextUri { get; set; }
    /// <summary>Network fields, stored only by <c>Import-SpotifyDataExport -IncludeNetworkFields</c>.</summary>
    public string? IpAddress { get; set; }
}

/// <summary>What <c>Measure-VaultPlay</c> groups plays by.</summary>
public enum VaultPlayGrouping
{
    Track,
    Artist,
    Album,
    Show,
    Year,
    Month,
    Day,
    Hour,
    Platform,
}

/// <summary>One group of plays, as <c>Measure-VaultPlay</c> reports it.</summary>
public sealed class VaultPlayMeasure : IVaultObject
{
    public VaultPlayGrouping By { get; set; }
    /// <summary>The group: a name, a local-time bucket (2024, 2024-03, 2024-03-09, 00-23) or a platform.</summary>
    public string Key { get; set; } = "";
    /// <summary>Track and Album groups: the artist.</summary>
    public string? Artist { get; set; }
    /// <summary>Track groups: the URI (a name alone can stand for several tracks).</summary>
    public string? Uri { get; set; }
    public long Plays { get; set; }
    /// <summary>Time played in the group. In PowerShell a TimeSpan (see OutputAdapter); the CLR value is the text CSV and
    /// JSON carry (VaultFormat.DurationData).</summary>
    public string Played => VaultFormat.DurationData(PlayedValue);
    internal TimeSpan PlayedValue { get; set; }
    public DateTimeOffset FirstPlayedAt { get; set; }
    public DateTimeOffset LastPlayedAt { get; set; }
}
