using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

/// <summary>Plays (newest first) and their aggregates, computed in SQL so a million plays never cross into .NET.</summary>
internal static class PlayReads
{
    private const string From = "FROM plays p LEFT JOIN play_items i ON i.id = p.item_id";

    public static IEnumerable<VaultPlay> Plays(ReadSession read, PlayQuery query)
    {
        var filter = Filter(query);
        var sql = $"""
            SELECT p.ended_at AS ended_at, p.ms_played AS ms_played, i.kind AS kind, i.name AS name, i.uri AS uri, i.artist AS artist,
                   i.album AS album, i.show AS show, p.platform AS platform, p.country AS country, p.shuffle AS shuffle,
                   p.skipped AS skipped, p.reason_start AS reason_start, p.reason_end AS reason_end, p.offline AS offline,
                   p.offline_at AS offline_at, p.incognito AS incognito, p.source AS source, p.context_type AS context_type,
                   p.context_uri AS context_uri, p.ip_addr AS ip_addr
            {From}
            {filter.Where}
            ORDER BY p.ended_at DESC, p.id DESC
            {filter.Limit(query.First)}
            """;
        return read.Stream(sql, filter, Mapper);
    }

    public static IEnumerable<VaultPlayMeasure> Measure(ReadSession read, PlayQuery query, VaultPlayGrouping by, int? top)
    {
        var filter = Filter(query);
        var local = $"{VaultReadConnection.LocalTimeFunction}(p.ended_at)";
        // Track groups by item (one row per URI); Album by album and artist (many albums share a name).
        var (key, extra, groupBy) = by switch
        {
            VaultPlayGrouping.Track => ("i.name", "i.artist AS artist, i.uri AS uri", "p.item_id"),
            VaultPlayGrouping.Artist => ("i.artist", "NULL AS artist, NULL AS uri", "i.artist"),
            VaultPlayGrouping.Album => ("i.album", "i.artist AS artist, NULL AS uri", "i.album, i.artist"),
            VaultPlayGrouping.Show => ("i.show", "NULL AS artist, NULL AS uri", "i.show"),
            VaultPlayGrouping.Year => ($"strftime('%Y', {local}, 'unixepoch')", "NULL AS artist, NULL AS uri", "1"),
            VaultPlayGrouping.Month => ($"strftime('%Y-%m', {local}, 'unixepoch')", "NULL AS artist, NULL AS uri", "1"),
            VaultPlayGrouping.Day => ($"strftime('%Y-%m-%d', {local}, 'unixepoch')", "NULL AS artist, NULL AS uri", "1"),
            VaultPlayGrouping.Hour => ($"strftime('%H', {local}, 'unixepoch')", "NULL AS artist, NULL AS uri", "1"),
            _ => ("p.platform", "NULL AS artist, NULL AS uri", "p.platform"),
        };
        filter.Add($"{key} IS NOT NULL");
        var timeBucket = by is VaultPlayGrouping.Year or VaultPlayGrouping.Month or VaultPlayGrouping.Day or VaultPlayGrouping.Hour;
        var order = top is not null || !timeBucket ? "plays DESC, played_ms DESC, key" : "key";
        var sql = $"""
            SELECT {key} AS key, {extra}, count(*) AS plays, total(p.ms_played) AS played_ms,
                   min(p.ended_at) AS first_at, max(p.ended_at) AS last_at
            {From}
            {filter.Where}
            GROUP BY {(groupBy == "1" ? "key" : groupBy)}
            ORDER BY {order}
            {filter.Limit(top)}
            """;
        return read.Stream(sql, filter, r => MeasureMapper(r, by));
    }

    private static SqlFilter Filter(PlayQuery query)
    {
        var filter = new SqlFilter();
        if (query.After is { } after)
        {
            filter.Add($"p.ended_at > {filter.Parameter(UnixMs(after))}");
        }
        if (query.Before is { } before)
        {
            filter.Add($"p.ended_at < {filter.Parameter(UnixMs(before))}");
        }
        filter.Like("i.name", query.Name);
        filter.Like("i.artist", query.Artist);
        filter.Like("i.album", query.Album);
        filter.Like("i.show", query.Show);
        if (query.MinPlayed is { } min)
        {
            filter.Add($"p.ms_played >= {filter.Parameter((long)min.TotalMilliseconds)}");
        }
        if (!query.IncludeSkipped)
        {
            filter.Add("p.skipped IS NOT 1");
        }
        return filter;
    }

    /// <summary>A PowerShell DateTime (Unspecified means local, as everywhere in PowerShell) as Unix ms.</summary>
    private static long UnixMs(DateTime value) =>
        new DateTimeOffset(value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static DateTimeOffset Local(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToLocalTime();

    private static Func<VaultPlay> Mapper(SqliteDataReader r)
    {
        int endedAt = r.GetOrdinal("ended_at"), msPlayed = r.GetOrdinal("ms_played"), kind = r.GetOrdinal("kind"), name = r.GetOrdinal("name"),
            uri = r.GetOrdinal("uri"), artist = r.GetOrdinal("artist"), album = r.GetOrdinal("album"), show = r.GetOrdinal("show"),
            platform = r.GetOrdinal("platform"), country = r.GetOrdinal("country"), shuffle = r.GetOrdinal("shuffle"),
            skipped = r.GetOrdinal("skipped"), reasonStart = r.GetOrdinal("reason_start"), reasonEnd = r.GetOrdinal("reason_end"),
            offline = r.GetOrdinal("offline"), offlineAt = r.GetOrdinal("offline_at"), incognito = r.GetOrdinal("incognito"),
            source = r.GetOrdinal("source"), contextType = r.GetOrdinal("context_type"), contextUri = r.GetOrdinal("context_uri"),
            ip = r.GetOrdinal("ip_addr");
        return () => new VaultPlay
        {
            EndedAt = Local(r.GetInt64(endedAt)),
            PlayedValue = r.LongOrNull(msPlayed) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            Kind = r.TextOrNull(kind),
            Name = r.TextOrNull(name),
            Uri = r.TextOrNull(uri),
            Artist = r.TextOrNull(artist),
            Album = r.TextOrNull(album),
            Show = r.TextOrNull(show),
            Platform = r.TextOrNull(platform),
            Country = r.TextOrNull(country),
            Shuffle = r.FlagOrNull(shuffle),
            Skipped = r.FlagOrNull(skipped),
            ReasonStart = r.TextOrNull(reasonStart),
            ReasonEnd = r.TextOrNull(reasonEnd),
            Offline = r.FlagOrNull(offline),
            OfflineAt = r.LongOrNull(offlineAt) is { } off ? Local(off) : null,
            Incognito = r.FlagOrNull(incognito),
            Source = Source(r.GetInt64(source)),
            ContextType = r.TextOrNull(contextType),
            ContextUri = r.TextOrNull(contextUri),
            IpAddress = r.TextOrNull(ip),
        };
    }

    // Bits 2 (extended history) and 4 (account data) are both the export.
    private static VaultPlaySource Source(long bits) =>
        ((bits & 1) != 0 ? VaultPlaySource.Api : VaultPlaySource.None) | ((bits & 6) != 0 ? VaultPlaySource.Export : VaultPlaySource.None);

    private static Func<VaultPlayMeasure> MeasureMapper(SqliteDataReader r, VaultPlayGrouping by)
    {
        int key = r.GetOrdinal("key"), artist = r.GetOrdinal("artist"), uri = r.GetOrdinal("uri"), plays = r.GetOrdinal("plays"),
            played = r.GetOrdinal("played_ms"), first = r.GetOrdinal("first_at"), last = r.GetOrdinal("last_at");
        return () => new VaultPlayMeasure
        {
            By = by,
            Key = r.Text(key),
            Artist = r.TextOrNull(artist),
            Uri = r.TextOrNull(uri),
            Plays = r.GetInt64(plays),
            PlayedValue = TimeSpan.FromMilliseconds(r.GetDouble(played)),
            FirstPlayedAt = Local(r.GetInt64(first)),
            LastPlayedAt = Local(r.GetInt64(last)),
        };
    }
}
