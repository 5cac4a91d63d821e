using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

/// <summary>The vault's history: recorded changes and the sync runs that recorded them.</summary>
internal static class HistoryReads
{
    /// <summary>History rows, newest first (so -First 20 is the latest 20).</summary>
    public static IEnumerable<VaultChange> Changes(ReadSession read, ChangeQuery query)
    {
        CheckKinds(query.Kinds);
        var filter = new SqlFilter();
        filter.After("c.observed_at", query.After, inclusive: true);
        filter.Before("c.observed_at", query.Before);
        if (query.Playlist is not null)
        {
            var ids = filter.Json(PlaylistReads.Resolve(read, PlaylistReference.Parse(query.Playlist)));
            filter.Add($"c.playlist_id IN (SELECT value FROM json_each({ids})) OR (c.entity_type = 'playlist' AND c.entity_id IN (SELECT value FROM json_each({ids})))");
        }
        filter.Like("c.name", query.Name);
        filter.AnyLike("c.kind", query.Kinds);
        filter.AnyLike("c.entity_type", query.EntityTypes);
        var sql = $"""
            SELECT c.id AS id, c.run_id AS run_id, c.observed_at AS observed_at, c.kind AS kind, c.entity_type AS entity_type,
                   c.entity_id AS entity_id, c.name AS name, c.playlist_id AS playlist_id,
                   coalesce(p.name, c.playlist_id) AS playlist, c.old_value AS old_value, c.new_value AS new_value,
                   {PositionSql} AS position
            FROM changes c
            LEFT JOIN playlists p ON p.id = c.playlist_id
            {filter.Where}
            ORDER BY c.id DESC
            {filter.Limit(query.First)}
            """;
        return read.Stream(sql, filter, ChangeMapper);
    }

    // Where an entry change happened in its playlist. The changes table has no position; the entry versions do: a sync
    // opens a version (valid_from = the change's time) where an item arrives or changes availability and closes one
    // (valid_to) where it leaves. An item twice in one playlist changed in one run reports its first such position.
    private const string PositionSql = """
        CASE WHEN c.playlist_id IS NOT NULL AND c.entity_type <> 'playlist' THEN
            CASE WHEN c.kind = 'removed'
                THEN (SELECT min(v.position) FROM playlist_entry_versions v
                      WHERE v.playlist_id = c.playlist_id AND v.item_uri = c.entity_id AND v.valid_to = c.observed_at)
                ELSE (SELECT min(v.position) FROM playlist_entry_versions v
                      WHERE v.playlist_id = c.playlist_id AND v.item_uri = c.entity_id AND v.valid_from = c.observed_at)
            END
        END
        """;

    /// <summary>A -Kind that matches no kind the vault records is a mistake (a typo would otherwise list nothing).</summary>
    private static void CheckKinds(IReadOnlyList<string>? kinds)
    {
        foreach (var kind in kinds ?? [])
        {
            var pattern = VaultWildcard.Parse(kind);
            if (!VaultChangeKind.All.Any(pattern.IsMatch))
            {
                throw new MusiVaultException("VaultChangeKindUnknown", ErrorKind.InvalidArgument,
                    $"'{kind}' is not a kind of change. The kinds are: {string.Join(", ", VaultChangeKind.All)}.", kind);
            }
        }
    }

    private static Func<VaultChange> ChangeMapper(SqliteDataReader r)
    {
        int id = r.GetOrdinal("id"), runId = r.GetOrdinal("run_id"), observedAt = r.GetOrdinal("observed_at"), kind = r.GetOrdinal("kind"),
            entityType = r.GetOrdinal("entity_type"), entityId = r.GetOrdinal("entity_id"), name = r.GetOrdinal("name"),
            playlistId = r.GetOrdinal("playlist_id"), playlist = r.GetOrdinal("playlist"), oldValue = r.GetOrdinal("old_value"),
            newValue = r.GetOrdinal("new_value"), position = r.GetOrdinal("position");
        return () => new VaultChange
        {
            Id = r.GetInt64(id),
            RunId = r.GetInt64(runId),
            ObservedAt = r.Date(observedAt),
            Kind = r.Text(kind),
            EntityType = r.Text(entityType),
            EntityId = r.Text(entityId),
            Name = r.TextOrNull(name),
            PlaylistId = r.TextOrNull(playlistId),
            Playlist = r.TextOrNull(playlist),
            OldValue = r.TextOrNull(oldValue),
            NewValue = r.TextOrNull(newValue),
            Position = r.IntOrNull(position),
        };
    }

    /// <summary>Sync runs, oldest first; with <paramref name="last"/>, only the most recent ones.</summary>
    public static IEnumerable<SyncRun> SyncRuns(ReadSession read, int? last)
    {
        var filter = new SqlFilter();
        var sql = $"""
            SELECT * FROM (
                SELECT id, started_at, ended_at, status, full_sync, requests, throttled, collections, warnings, error
                FROM sync_runs ORDER BY id DESC {filter.Limit(last)}
            ) ORDER BY id
            """;
        return read.Stream(sql, filter, SyncRunMapper);
    }

    // Written by SyncRunStore.Finish; a run that never finished has none, and an unreadable value reads as none.
    private static SyncCollectionResult[] CollectionsOf(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(json, Vault.VaultJson.Default.SyncCollectionResultArray) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static Func<SyncRun> SyncRunMapper(SqliteDataReader r)
    {
        int id = r.GetOrdinal("id"), startedAt = r.GetOrdinal("started_at"), endedAt = r.GetOrdinal("ended_at"),
            status = r.GetOrdinal("status"), fullSync = r.GetOrdinal("full_sync"), requests = r.GetOrdinal("requests"),
            throttled = r.GetOrdinal("throttled"), collections = r.GetOrdinal("collections"), warnings = r.GetOrdinal("warnings"),
            error = r.GetOrdinal("error");
        return () =>
        {
            var started = r.Date(startedAt);
            var ended = r.DateOrNull(endedAt);
            var warningList = r.Names(warnings);
            return new SyncRun
            {
                Id = r.GetInt64(id),
                StartedAt = started,
                EndedAt = ended,
                DurationValue = ended - started,
                Status = r.Text(status),
                Full = r.Flag(fullSync),
                Requests = r.GetInt32(requests),
                Throttled = r.GetInt32(throttled),
                Collections = CollectionsOf(r.TextOrNull(collections)),
                Warnings = warningList,
                WarningCount = warningList.Count,
                Error = r.TextOrNull(error),
            };
        };
    }
}
