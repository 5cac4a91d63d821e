using System.Globalization;

namespace MusiVault;

/// <summary>
/// Turns a backup's row counts ("table=count;table=count", the manifest's form) into words a person reads. Tables
/// without a label here (internal ones, or added by a later version) are left out; Counts keeps them all.
/// </summary>
internal static class BackupContents
{
    private static readonly (string Table, string Label)[] Labels =
    [
        ("tracks", "tracks"),
        ("liked_tracks", "liked"),
        ("playlists", "playlists"),
        ("playlist_entries", "playlist entries"),
        ("saved_albums", "saved albums"),
        ("followed_artists", "followed artists"),
        ("saved_shows", "saved shows"),
        ("saved_episodes", "saved episodes"),
        ("plays", "plays"),
        ("changes", "changes"),
        ("sync_runs", "sync runs"),
    ];

    public static string Describe(string? counts)
    {
        if (string.IsNullOrWhiteSpace(counts))
        {
            return "";
        }
        var byTable = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in counts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && long.TryParse(pair[(equals + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                byTable[pair[..equals]] = n;
            }
        }
        var parts = new List<string>();
        foreach (var (table, label) in Labels)
        {
            if (byTable.TryGetValue(table, out var n))
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{n:N0} {label}"));
            }
        }
        return string.Join(", ", parts);
    }
}
