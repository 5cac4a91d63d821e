using MusiVault.Engine.Import;
using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Vault;

/// <summary>
/// The plays table: every play once, whichever source reported it (API recently played, the privacy export's extended
/// history or account data). Export plays are deduplicated by their identity (a unique-index probe, so a re-import
/// costs a lookup per play); a play the API and the export both know is one row (same item, ends within
/// <see cref="PlayMatching.ApiTolerance"/>). The in-memory caches (items, API-only plays, claimed plays) mirror what
/// is committed: a rolled-back transaction must be followed by <see cref="ForgetUncommitted"/>.
/// </summary>
internal sealed class PlayStore(VaultWriter writer, EntityStore entities)
{
    private const string InsertSql = """
        INSERT OR IGNORE INTO plays (identity, ended_at, item_id, ms_played, source, platform, country, reason_start, reason_end,
            shuffle, skipped, offline, offline_at, incognito, context_type, context_uri, ip_addr, user_agent, username)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
        """;

    // The unique index on identity (time first, see PlayIdentity.Hash) read as a range: covering, no table rows.
    private const string KnownSql = "SELECT identity FROM plays WHERE identity BETWEEN ?1 AND ?2";

    private const string ExtendedNearSql = """
        SELECT id, ms_played FROM plays WHERE item_id = ?1 AND ended_at >= ?2 AND ended_at < ?3 AND (source & 2) = 2 ORDER BY ended_at
        """;

    /// <summary>
    /// At most this many identities are held for one batch: a batch whose time range holds more (an unsorted file) is
    /// checked play by play by the insert's unique index instead, so memory never grows with the vault.
    /// </summary>
    internal const int MaxKnownPerBatch = 100_000;

    private static readonly long ApiToleranceMs = (long)PlayMatching.ApiTolerance.TotalMilliseconds;

    private readonly VaultWriter _writer = writer;
    private readonly EntityStore _entities = entities;
    private readonly object?[] _values = new object?[19];
    private Dictionary<string, long>? _items;
    private Dictionary<string, List<long>>? _itemsByNames;
    private Dictionary<long, List<(long Id, long EndedAt)>>? _apiOnly;
    private readonly HashSet<long> _claimed = [];
    private readonly HashSet<long> _known = [];
    private readonly HashSet<long> _apiOnlyIdentities = [];

    /// <summary>The newest play the API reported: where the next recently-played read starts.</summary>
    public DateTimeOffset? LastPlayedAt() =>
        _writer.Scalar("SELECT max(ended_at) FROM plays WHERE (source & 1) = 1") is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>Stores a play the API reported and its track; false when the vault already had it (from the API or an export).</summary>
    public bool Add(SpotifyPlay play)
    {
        ArgumentNullException.ThrowIfNull(play);
        _entities.UpsertPlayable(play.Track);
        var track = play.Track;
        var item = new PlayItem(track.Kind == PlayableKind.Episode ? "episode" : "track", track.Uri, track.Name,
            track.Artists.Count > 0 ? track.Artists[0].Name : null, track.Album?.Name, track.Show?.Name, null);
        var itemId = ItemId(item);
        var endedAt = play.PlayedAt.ToUnixTimeMilliseconds();
        if (_writer.Scalar("SELECT id FROM plays WHERE item_id = $1 AND ended_at BETWEEN $2 AND $3 ORDER BY abs(ended_at - $4) LIMIT 1",
                itemId, endedAt - ApiToleranceMs, endedAt + ApiToleranceMs, endedAt) is long existing)
        {
            _writer.Execute("UPDATE plays SET source = source | 1, context_type = coalesce(context_type, $2), context_uri = coalesce(context_uri, $3) WHERE id = $1",
                existing, play.ContextType, play.ContextUri);
            return false;
        }
        var record = new PlayRecord
        {
            Identity = new PlayIdentity(play.PlayedAt.ToUnixTimeSeconds(), track.Uri).Hash,
            EndedAtMs = endedAt,
            Item = item,
            Source = PlaySources.Api,
            ContextType = play.ContextType,
            ContextUri = play.ContextUri,
        };
        var added = Insert(record, itemId);
        if (added)
        {
            _apiOnly = null;
        }
        return added;
    }

    /// <summary>Stores an extended-history play: merged into the API's row of the same play, else added once.</summary>
    public PlayWriteResult AddExtended(PlayRecord play)
    {
        ArgumentNullException.ThrowIfNull(play);
        if (IsKnown(play.Identity))
        {
            return PlayWriteResult.AlreadyPresent;
        }
        long? itemId = play.Item is null ? null : ItemId(play.Item);
        if (itemId is { } id && TakeApiPlay(id, play.EndedAtMs) is { } apiRow)
        {
            Fill(play, itemId);
            _writer.Execute("""
                UPDATE plays SET identity = $1, ended_at = $2, ms_played = $4, source = source | $5, platform = $6, country = $7,
                    reason_start = $8, reason_end = $9, shuffle = $10, skipped = $11, offline = $12, offline_at = $13,
                    incognito = $14, ip_addr = $17, user_agent = $18, username = $19
                WHERE id = $20
                """, [.. _values, apiRow]);
            return PlayWriteResult.MergedWithApi;
        }
        return Insert(play, itemId) ? PlayWriteResult.Added : PlayWriteResult.AlreadyPresent;
    }

    /// <summary>
    /// Stores an account-data play unless it is an extended-history play the vault holds (same names, ends within the
    /// minute), each extended play claimed by one account play at most.
    /// </summary>
    public PlayWriteResult AddAccount(PlayRecord play)
    {
        ArgumentNullException.ThrowIfNull(play);
        if (play.Item is null)
        {
            return Insert(play, null) ? PlayWriteResult.Added : PlayWriteResult.AlreadyPresent;
        }
        if (FindExtended(play) is { } match)
        {
            _claimed.Add(match);
            return PlayWriteResult.MatchedExtended;
        }
        return Insert(play, ItemId(play.Item)) ? PlayWriteResult.Added : PlayWriteResult.AlreadyPresent;
    }

    /// <summary>
    /// Account-only plays an extended history imported later now covers: deleted (the extended row is the play).
    /// Returns how many.
    /// </summary>
    public int ReconcileAccountOnly()
    {
        var accountOnly = new List<(long Id, PlayRecord Play)>();
        using (var reader = _writer.Query("""
            SELECT p.id, p.ended_at, p.ms_played, i.kind, i.name, i.artist, i.show FROM plays p JOIN play_items i ON i.id = p.item_id
            WHERE p.source = 4 ORDER BY p.ended_at
            """))
        {
            while (reader.Read())
            {
                var kind = reader.GetString(3);
                accountOnly.Add((reader.GetInt64(0), new PlayRecord
                {
                    EndedAtMs = reader.GetInt64(1),
                    MsPlayed = reader.IsDBNull(2) ? null : reader.GetInt64(2),
                    Item = new PlayItem(kind, null, reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                        null, reader.IsDBNull(6) ? null : reader.GetString(6), null),
                }));
            }
        }
        var removed = 0;
        foreach (var (id, play) in accountOnly)
        {
            if (FindExtended(play) is { } match)
            {
                _claimed.Add(match);
                removed += _writer.Execute("DELETE FROM plays WHERE id = $1", id);
            }
        }
        return removed;
    }

    /// <summary>
    /// Before a batch of export plays ending within [<paramref name="firstSecond"/>, <paramref name="lastSecond"/>]:
    /// loads the identities the vault holds in that range, so a play already stored costs a set lookup instead of a
    /// statement (the re-import path). Bounded by <see cref="MaxKnownPerBatch"/>; the insert's unique index stays the
    /// rule either way.
    /// </summary>
    public void PrepareBatch(long firstSecond, long lastSecond)
    {
        _known.Clear();
        var (first, last) = PlayIdentity.RangeOf(firstSecond, lastSecond);
        var known = _writer.Statement(KnownSql);
        known.Bind(1, first);
        known.Bind(2, last);
        while (known.Read())
        {
            if (_known.Count == MaxKnownPerBatch)
            {
                known.Reset();
                _known.Clear();
                return;
            }
            _known.Add(known.Int64(0));
        }
    }

    /// <summary>Whether the play is in the vault as far as the current batch's identities tell (false: not known, may still be).</summary>
    /// <remarks>
    /// A play only the API reported can carry the export play's identity (same second): it is not "known" then, so the
    /// export's fields still fill it (<see cref="AddExtended"/>).
    /// </remarks>
    public bool IsKnown(long identity)
    {
        if (!_known.Contains(identity))
        {
            return false;
        }
        _apiOnly ??= LoadApiOnly();
        return !_apiOnlyIdentities.Contains(identity);
    }

    /// <summary>After a rollback: the caches may hold rows that no longer exist.</summary>
    public void ForgetUncommitted()
    {
        _items = null;
        _itemsByNames = null;
        _apiOnly = null;
        _claimed.Clear();
        _known.Clear();
    }

    private bool Insert(PlayRecord p, long? itemId)
    {
        var s = _writer.Statement(InsertSql);
        s.Bind(1, p.Identity);
        s.Bind(2, p.EndedAtMs);
        s.Bind(3, itemId);
        s.Bind(4, p.MsPlayed);
        s.Bind(5, (long)p.Source);
        s.Bind(6, p.Platform);
        s.Bind(7, p.Country);
        s.Bind(8, p.ReasonStart);
        s.Bind(9, p.ReasonEnd);
        s.Bind(10, p.Shuffle);
        s.Bind(11, p.Skipped);
        s.Bind(12, p.Offline);
        s.Bind(13, p.OfflineAtMs);
        s.Bind(14, p.Incognito);
        s.Bind(15, p.ContextType);
        s.Bind(16, p.ContextUri);
        s.Bind(17, p.IpAddress);
        s.Bind(18, p.UserAgent);
        s.Bind(19, p.Username);
        if (s.Execute() == 0)
        {
            return false;
        }
        _known.Add(p.Identity);
        return true;
    }

    private void Fill(PlayRecord p, long? itemId)
    {
        var v = _values;
        v[0] = p.Identity;
        v[1] = p.EndedAtMs;
        v[2] = itemId;
        v[3] = p.MsPlayed;
        v[4] = (long)p.Source;
        v[5] = p.Platform;
        v[6] = p.Country;
        v[7] = p.ReasonStart;
        v[8] = p.ReasonEnd;
        v[9] = Flag(p.Shuffle);
        v[10] = Flag(p.Skipped);
        v[11] = Flag(p.Offline);
        v[12] = p.OfflineAtMs;
        v[13] = Flag(p.Incognito);
        v[14] = p.ContextType;
        v[15] = p.ContextUri;
        v[16] = p.IpAddress;
        v[17] = p.UserAgent;
        v[18] = p.Username;
    }

    private static object? Flag(bool? value) => value is null ? null : value.Value ? 1L : 0L;

    private long ItemId(PlayItem item)
    {
        var items = _items ??= LoadItems();
        var key = item.Key;
        if (items.TryGetValue(key, out var id))
        {
            return id;
        }
        // OR IGNORE + SELECT: a .NET string that does not survive UTF-8 (a lone surrogate in a name) is stored as
        // another string, so the cache loaded from the vault can miss a key the vault has.
        var insert = _writer.Statement("""
            INSERT OR IGNORE INTO play_items (item_key, kind, uri, name, artist, album, show, audiobook_uri) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """);
        insert.Bind(1, key);
        insert.Bind(2, item.Kind);
        insert.Bind(3, item.Uri);
        insert.Bind(4, item.Name);
        insert.Bind(5, item.Artist);
        insert.Bind(6, item.Album);
        insert.Bind(7, item.Show);
        insert.Bind(8, item.AudiobookUri);
        insert.Execute();
        var select = _writer.Statement("SELECT id FROM play_items WHERE item_key = ?1");
        select.Bind(1, key);
        if (!select.Read())
        {
            throw new InvalidOperationException("An item just written is not in the vault.");
        }
        id = select.Int64(0);
        select.Reset();
        items[key] = id;
        if (item.Uri is not null)
        {
            _itemsByNames = null;
        }
        return id;
    }

    private Dictionary<string, long> LoadItems()
    {
        var items = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = _writer.Query("SELECT item_key, id FROM play_items");
        while (reader.Read())
        {
            items[reader.GetString(0)] = reader.GetInt64(1);
        }
        return items;
    }

    /// <summary>Items by the names account data knows them by (every item with a name, URI or not).</summary>
    private Dictionary<string, List<long>> ItemsByNames()
    {
        if (_itemsByNames is { } cached)
        {
            return cached;
        }
        var byNames = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        using var reader = _writer.Query("SELECT id, kind, name, artist, show FROM play_items WHERE uri IS NOT NULL");
        while (reader.Read())
        {
            var kind = reader.GetString(1);
            var key = NamesKey(kind, reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4));
            if (!byNames.TryGetValue(key, out var ids))
            {
                byNames[key] = ids = [];
            }
            ids.Add(reader.GetInt64(0));
        }
        return _itemsByNames = byNames;
    }

    private static string NamesKey(string kind, string? name, string? artist, string? show) =>
        kind == "episode" ? PlayItem.NameKey("episode", show, name) : PlayItem.NameKey("track", artist, name);

    private long? FindExtended(PlayRecord account)
    {
        var item = account.Item!;
        if (!ItemsByNames().TryGetValue(NamesKey(item.Kind, item.Name, item.Artist, item.Show), out var candidates))
        {
            return null;
        }
        var slack = (long)PlayMatching.MinuteSlack.TotalMilliseconds;
        long? best = null;
        var near = _writer.Statement(ExtendedNearSql);
        foreach (var itemId in candidates)
        {
            near.Bind(1, itemId);
            near.Bind(2, account.EndedAtMs - slack);
            near.Bind(3, account.EndedAtMs + 60_000 + slack);
            while (near.Read())
            {
                var id = near.Int64(0);
                if (_claimed.Contains(id))
                {
                    continue;
                }
                if (!near.IsNull(1) && near.Int64(1) == account.MsPlayed)
                {
                    near.Reset();
                    return id;
                }
                best ??= id;
            }
        }
        return best;
    }

    private long? TakeApiPlay(long itemId, long endedAt)
    {
        _apiOnly ??= LoadApiOnly();
        if (!_apiOnly.TryGetValue(itemId, out var rows))
        {
            return null;
        }
        for (var i = 0; i < rows.Count; i++)
        {
            if (Math.Abs(rows[i].EndedAt - endedAt) <= ApiToleranceMs)
            {
                var id = rows[i].Id;
                rows.RemoveAt(i);
                return id;
            }
        }
        return null;
    }

    private Dictionary<long, List<(long Id, long EndedAt)>> LoadApiOnly()
    {
        var rows = new Dictionary<long, List<(long, long)>>();
        _apiOnlyIdentities.Clear();
        using var reader = _writer.Query("SELECT id, item_id, ended_at, identity FROM plays WHERE source = 1 AND item_id IS NOT NULL");
        while (reader.Read())
        {
            if (!reader.IsDBNull(3))
            {
                _apiOnlyIdentities.Add(reader.GetInt64(3));
            }
            var itemId = reader.GetInt64(1);
            if (!rows.TryGetValue(itemId, out var list))
            {
                rows[itemId] = list = [];
            }
            list.Add((reader.GetInt64(0), reader.GetInt64(2)));
        }
        return rows;
    }
}
