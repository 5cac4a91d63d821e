using System.Globalization;
using System.Text;
using MusiVault.Engine.Report;

namespace MusiVault.Engine.Query;

internal static partial class ReportReads
{
    public const int TopPerYear = 20;
    public const int OnThisDayLimit = 200;

    // A play's listened time as Measure-VaultPlay counts it: a play only the API reported has no duration (0).
    private const string PlayedMs = "coalesce(p.ms_played, 0)";

    /// <summary>Null when the vault holds no plays (or predates the plays table); the section then says how to get them.</summary>
    private static ReportListening? ReadListening(Reads q, DateTimeOffset now)
    {
        if (q.Scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'plays'") is null
            || q.Scalar("SELECT 'yes' FROM plays LIMIT 1") is null)
        {
            return null;
        }

        // Per UTC hour: months, the weekday × hour map and the totals all come from these few thousand rows.
        var heat = new ListeningHeatMap();
        var months = new SortedDictionary<ReportMonth, (double Ms, long Plays)>();
        long plays = 0, skipped = 0;
        int? firstYear = null, lastYear = null;
        q.Each($"""
            SELECT p.ended_at / 3600000 AS hour, count(*) AS n, sum({PlayedMs}) AS ms, sum(p.skipped = 1) AS skipped
            FROM plays p WHERE 1 = 1 {q.WindowMs("p.ended_at")}
            GROUP BY hour
            """, r =>
        {
            int hour = r.GetOrdinal("hour"), n = r.GetOrdinal("n"), ms = r.GetOrdinal("ms"), skip = r.GetOrdinal("skipped");
            return () =>
            {
                var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(hour) * 3600000), q.Zone);
                var count = r.GetInt64(n);
                var month = ReportMonth.Of(local);
                var sum = months.GetValueOrDefault(month);
                months[month] = (sum.Ms + r.GetDouble(ms), sum.Plays + count);
                heat[local.DayOfWeek, local.Hour] += count;
                plays += count;
                skipped += r.IsDBNull(skip) ? 0 : r.GetInt64(skip);
                firstYear = Math.Min(firstYear ?? local.Year, local.Year);
                lastYear = Math.Max(lastYear ?? local.Year, local.Year);
            };
        });

        return new ReportListening
        {
            ByMonth = [.. months.Select(m => new ListeningMonth(m.Key, m.Value.Ms / 3_600_000d, m.Value.Plays))],
            TopByYear = firstYear is { } first && lastYear is { } last ? ReadTopByYear(q, first, last) : [],
            HeatMap = heat,
            Plays = plays,
            SkippedPlays = skipped,
            OnThisDayDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, q.Zone).Date).AddYears(-1),
            OnThisDay = ReadOnThisDay(q, now),
        };
    }

    private static List<ListeningYear> ReadTopByYear(Reads q, int firstYear, int lastYear)
    {
        // Local calendar years as [start, end) in Unix ms, so each play falls into its year by an index range.
        var years = new StringBuilder();
        for (var y = firstYear; y <= lastYear; y++)
        {
            years.Append(y == firstYear ? "VALUES " : ", ").Append(CultureInfo.InvariantCulture,
                $"({y}, {YearStartMs(y, q.Zone)}, {YearStartMs(y + 1, q.Zone)})");
        }
        var top = q.Parameter(TopPerYear);
        // One pass over the plays (a range of plays_by_time per year, which covers these columns): per year and item
        // the counted plays (skipped ones left out, as Measure-VaultPlay does by default) and every play's time for
        // the year's hours; the 'year' rows carry those totals.
        var sql = $"""
            WITH years(y, s, e) AS ({years}),
            per_item AS (
              SELECT years.y AS y, p.item_id AS item_id, sum(p.skipped IS NOT 1) AS n,
                     sum(CASE WHEN p.skipped IS NOT 1 THEN {PlayedMs} ELSE 0 END) AS ms, sum({PlayedMs}) AS all_ms
              FROM years JOIN plays p ON p.ended_at >= years.s AND p.ended_at < years.e
              WHERE 1 = 1 {q.WindowMs("p.ended_at")}
              GROUP BY years.y, p.item_id
            ),
            counted AS (SELECT y, item_id, n, ms FROM per_item WHERE item_id IS NOT NULL AND n > 0),
            ranked AS (
              SELECT 'track' AS list, pi.y AS y, i.name AS name, i.artist AS detail, pi.n AS n, pi.ms AS ms
              FROM counted pi JOIN play_items i ON i.id = pi.item_id
              UNION ALL
              SELECT 'artist', pi.y, i.artist, NULL, sum(pi.n), sum(pi.ms)
              FROM counted pi JOIN play_items i ON i.id = pi.item_id WHERE i.artist IS NOT NULL GROUP BY pi.y, i.artist
              UNION ALL
              SELECT 'album', pi.y, i.album, i.artist, sum(pi.n), sum(pi.ms)
              FROM counted pi JOIN play_items i ON i.id = pi.item_id WHERE i.album IS NOT NULL GROUP BY pi.y, i.album, i.artist
              UNION ALL
              SELECT 'year', y, NULL, NULL, sum(n), sum(all_ms) FROM per_item GROUP BY y
            )
            SELECT list, y, name, detail, n, ms FROM (
              SELECT *, row_number() OVER (PARTITION BY list, y ORDER BY n DESC, ms DESC, name) AS rank FROM ranked
            ) WHERE rank <= {top}
            ORDER BY y DESC, list, rank
            """;
        var lists = new SortedDictionary<int, (List<RankedItem> Artists, List<RankedItem> Tracks, List<RankedItem> Albums)>();
        var hours = new Dictionary<int, double>();
        q.Each(sql, r =>
        {
            int list = r.GetOrdinal("list"), y = r.GetOrdinal("y"), name = r.GetOrdinal("name"), detail = r.GetOrdinal("detail"),
                n = r.GetOrdinal("n"), ms = r.GetOrdinal("ms");
            return () =>
            {
                var year = r.GetInt32(y);
                var kind = r.Text(list);
                if (kind == "year")
                {
                    // A year's hours: every play of it, not only the top items'.
                    hours[year] = r.GetDouble(ms) / 3_600_000d;
                    return;
                }
                if (!lists.TryGetValue(year, out var entry))
                {
                    lists[year] = entry = ([], [], []);
                }
                var item = new RankedItem(r.TextOrNull(name) ?? "(unknown)", r.TextOrNull(detail), r.GetInt64(n), r.GetDouble(ms) / 3_600_000d);
                (kind switch { "artist" => entry.Artists, "album" => entry.Albums, _ => entry.Tracks }).Add(item);
            };
        });

        return [.. lists.Reverse().Select(l => new ListeningYear(l.Key, hours.GetValueOrDefault(l.Key), l.Value.Artists, l.Value.Tracks, l.Value.Albums))];
    }

    private static List<OnThisDayPlay> ReadOnThisDay(Reads q, DateTimeOffset now)
    {
        var day = TimeZoneInfo.ConvertTime(now, q.Zone).Date.AddYears(-1);
        var start = q.Parameter(ReportWindow.LocalStart(day, q.Zone).ToUnixTimeMilliseconds());
        var end = q.Parameter(ReportWindow.LocalStart(day.AddDays(1), q.Zone).ToUnixTimeMilliseconds());
        var limit = q.Parameter(OnThisDayLimit);
        var result = new List<OnThisDayPlay>();
        q.Each($"""
            SELECT p.ended_at AS ended_at, coalesce(i.name, '(unknown)') AS name, i.artist AS artist, p.skipped AS skipped
            FROM plays p LEFT JOIN play_items i ON i.id = p.item_id
            WHERE p.ended_at >= {start} AND p.ended_at < {end}
            ORDER BY p.ended_at LIMIT {limit}
            """, r =>
        {
            int endedAt = r.GetOrdinal("ended_at"), name = r.GetOrdinal("name"), artist = r.GetOrdinal("artist"), skip = r.GetOrdinal("skipped");
            return () => result.Add(new OnThisDayPlay(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(endedAt)), r.Text(name),
                r.TextOrNull(artist), r.Flag(skip)));
        });
        return result;
    }

    private static long YearStartMs(int year, TimeZoneInfo zone) =>
        ReportWindow.LocalStart(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), zone).ToUnixTimeMilliseconds();
}
