using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

/// <summary>Podcast shows and their episodes (episodes live in <c>tracks</c> with type 'episode').</summary>
internal static class ShowReads
{
    public static IEnumerable<VaultShow> Shows(ReadSession read, ShowQuery query)
    {
        var filter = new SqlFilter();
        var saved = query.AsOf is not { } asOf ? "saved_shows"
            : query.Saved ? AsOfReads.Saved(read, filter, AsOfReads.SavedShows, "show_id", asOf)
            : throw AsOfReads.NeedsCollection("-Saved");
        if (query.Saved)
        {
            filter.InSavedCollection("ss", "show_id", query.IncludeRemoved);
        }
        filter.In(query.Ids, "s.id", "s.uri");
        filter.Like("s.name", query.Name);
        var sql = $"""
            SELECT s.id AS id, s.uri AS uri, s.name AS name, s.publisher AS publisher, s.description AS description,
                   s.total_episodes AS total_episodes, s.explicit AS explicit,
                   ss.show_id IS NOT NULL AND ss.removed_at IS NULL AS saved, ss.added_at AS added_at, ss.removed_at AS removed_at
            FROM shows s
            LEFT JOIN {saved} ss ON ss.show_id = s.id
            {filter.Where}
            ORDER BY {(query.Saved ? "ss.removed_at IS NOT NULL, ss.position, s.rowid" : "s.rowid")}
            {filter.Limit(query.First)}
            """;
        return read.Stream(sql, filter, ShowMapper);
    }

    private static Func<VaultShow> ShowMapper(SqliteDataReader r)
    {
        int id = r.GetOrdinal("id"), uri = r.GetOrdinal("uri"), name = r.GetOrdinal("name"), publisher = r.GetOrdinal("publisher"),
            description = r.GetOrdinal("description"), totalEpisodes = r.GetOrdinal("total_episodes"),
            isExplicit = r.GetOrdinal("explicit"), saved = r.GetOrdinal("saved"), addedAt = r.GetOrdinal("added_at"),
            removedAt = r.GetOrdinal("removed_at");
        return () => new VaultShow
        {
            Id = r.Text(id),
            Uri = r.TextOrNull(uri),
            Name = r.Text(name),
            Publisher = r.TextOrNull(publisher),
            Description = r.TextOrNull(description),
            TotalEpisodes = r.IntOrNull(totalEpisodes),
            Explicit = r.FlagOrNull(isExplicit),
            Saved = r.Flag(saved),
            AddedAt = r.DateOrNull(addedAt),
            RemovedAt = r.DateOrNull(removedAt),
        };
    }

    public static IEnumerable<VaultEpisode> Episodes(ReadSession read, EpisodeQuery query)
    {
        var filter = new SqlFilter();
        var saved = query.AsOf is not { } asOf ? "saved_episodes"
            : query.Saved ? AsOfReads.Saved(read, filter, AsOfReads.SavedEpisodes, "episode_uri", asOf)
            : throw AsOfReads.NeedsCollection("-Saved");
        filter.Add("t.type = 'episode'");
        if (query.Saved)
        {
            filter.InSavedCollection("se", "episode_uri", query.IncludeRemoved);
        }
        filter.In(query.Ids, "t.id", "t.uri");
        filter.In(query.ShowIds, "t.show_id");
        filter.Like("t.name", query.Name);
        filter.Like("s.name", query.Show);
        var sql = $"""
            SELECT t.uri AS uri, t.id AS id, t.name AS name, s.name AS show, t.show_id AS show_id,
                   t.release_date AS release_date, t.duration_ms AS duration_ms, t.explicit AS explicit,
                   t.unavailable_since IS NULL AS is_available,
                   se.episode_uri IS NOT NULL AND se.removed_at IS NULL AS saved, se.added_at AS added_at, se.removed_at AS removed_at
            FROM tracks t
            LEFT JOIN shows s ON s.id = t.show_id
            LEFT JOIN {saved} se ON se.episode_uri = t.uri
            {filter.Where}
            ORDER BY {(query.Saved ? "se.removed_at IS NOT NULL, se.position, t.rowid" : "t.rowid")}
            {filter.Limit(query.First)}
            """;
        return read.Stream(sql, filter, EpisodeMapper);
    }

    private static Func<VaultEpisode> EpisodeMapper(SqliteDataReader r)
    {
        int uri = r.GetOrdinal("uri"), id = r.GetOrdinal("id"), name = r.GetOrdinal("name"), show = r.GetOrdinal("show"),
            showId = r.GetOrdinal("show_id"), releaseDate = r.GetOrdinal("release_date"), durationMs = r.GetOrdinal("duration_ms"),
            isExplicit = r.GetOrdinal("explicit"), isAvailable = r.GetOrdinal("is_available"), saved = r.GetOrdinal("saved"),
            addedAt = r.GetOrdinal("added_at"), removedAt = r.GetOrdinal("removed_at");
        return () => new VaultEpisode
        {
            Uri = r.Text(uri),
            Id = r.TextOrNull(id),
            Name = r.Text(name),
            Show = r.TextOrNull(show),
            ShowId = r.TextOrNull(showId),
            ReleaseDate = r.TextOrNull(releaseDate),
            DurationMs = r.GetInt64(durationMs),
            DurationValue = TimeSpan.FromMilliseconds(r.GetInt64(durationMs)),
            Explicit = r.Flag(isExplicit),
            IsAvailable = r.Flag(isAvailable),
            Saved = r.Flag(saved),
            AddedAt = r.DateOrNull(addedAt),
            RemovedAt = r.DateOrNull(removedAt),
        };
    }
}
