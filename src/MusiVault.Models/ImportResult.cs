namespace MusiVault;

/// <summary>What one <c>Import-SpotifyDataExport</c> run read and stored.</summary>
public sealed class ImportResult
{
    public string Vault { get; set; } = "";
    /// <summary>Known export files found; FilesFailed of them were rejected whole (see the errors).</summary>
    public int FilesRead { get; set; }
    public int FilesFailed { get; set; }
    /// <summary>Plays in the files that were imported (failed files not counted).</summary>
    public long PlaysRead { get; set; }
    public long PlaysAdded { get; set; }
    /// <summary>Plays the vault already had from an earlier import (or twice in this export, as endsong and Streaming_History files repeat each other).</summary>
    public long PlaysAlreadyPresent { get; set; }
    /// <summary>Plays Sync-SpotifyLibrary had recorded: the export's fields filled those rows.</summary>
    public long PlaysMergedWithApi { get; set; }
    /// <summary>Account-data plays that are extended-history plays already in the vault (never counted twice).</summary>
    public long AccountPlaysMatched { get; set; }
    public long LibraryItems { get; set; }
    public long Playlists { get; set; }
    public long PlaylistItems { get; set; }
    public bool WhatIf { get; set; }
    /// <summary>How long the import took. In PowerShell a TimeSpan (see OutputAdapter); the CLR value is the text CSV and JSON
    /// carry (VaultFormat.DurationData: "00:04:14", "00:03:17.456").</summary>
    public string Duration => VaultFormat.DurationData(DurationValue);
    internal TimeSpan DurationValue { get; set; }
}
