using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

/// <summary>Top artists and tracks: the latest capture of each (type, time range).</summary>
internal static class TopItemReads
{
    public static IEnumerable<VaultTopItem> TopItems(ReadSession read, TopItemQuery query)
    {
        var filter = new SqlFilter();
        filter.Add("ti.captured_at = (SELECT max(x.captured_at) FROM top_items x WHERE x.item_type = ti.item_type AND x.time_range = ti.time_range)");
        if (query.Type is { } type)
        {
            filter.Add($"ti.item_type = {filter.Parameter(TypeText(type))}");
        }
        if (query.TimeRange is { } range)
        {
            filter.Add($"ti.time_range = {filter.Parameter(TimeRangeText.ToText(range))}");
        }
        // Ranges in the enum's order (short, medium, long), each ranked; the order is a parameter, not a second mapping.
        var rangeOrder = filter.Parameter(System.Text.Json.JsonSerializer.Serialize(
            Enum.GetValues<VaultTimeRange>().Select(TimeRangeText.ToText).ToList(), QueryJson.Default.ListString));
        var sql = $"""
            SELECT ti.item_type AS item_type, ti.time_range AS time_range, ti.captured_at AS captured_at, ti.rank AS rank,
                   ti.item_key AS item_key, coalesce(ar.name, t.name, ti.item_key) AS name, coalesce(ar.id, t.id) AS id,
                   CASE WHEN ti.item_type = 'track' THEN {TrackReads.ArtistsOf("ti.item_key")} END AS artists
            FROM top_items ti
            LEFT JOIN artists ar ON ti.item_type = 'artist' AND ar.id = ti.item_key
            LEFT JOIN tracks t ON ti.item_type = 'track' AND t.uri = ti.item_key
            {filter.Where}
            ORDER BY ti.item_type, (SELECT r.key FROM json_each({rangeOrder}) r WHERE r.value = ti.time_range), ti.rank
            """;
        return read.Stream(sql, filter, Mapper);
    }

    private static string TypeText(VaultTopItemType type) => type == VaultTopItemType.Artist ? "artist" : "track";

    private static Func<VaultTopItem> Mapper(SqliteDataReader r)
    {
        int itemType = r.GetOrdinal("item_type"), timeRange = r.GetOrdinal("time_range"), capturedAt = r.GetOrdinal("captured_at"),
            rank = r.GetOrdinal("rank"), itemKey = r.GetOrdinal("item_key"), name = r.GetOrdinal("name"), id = r.GetOrdinal("id"),
            artists = r.GetOrdinal("artists");
        return () => new VaultTopItem
        {
            Type = (r.Text(itemType) == "artist" ? VaultTopItemType.Artist : VaultTopItemType.Track).ToString(),
            TimeRange = TimeRangeText.FromText(r.Text(timeRange)).ToString(),
            CapturedAt = r.Date(capturedAt),
            Rank = r.GetInt32(rank),
            ItemKey = r.Text(itemKey),
            Name = r.Text(name),
            Id = r.TextOrNull(id),
            // Only tracks carry artists; an artist entry has none to list.
            ArtistNames = r.IsDBNull(artists) ? (r.Text(itemType) == "track" ? "" : null) : r.Names(artists).JoinNames(),
        };
    }
}
