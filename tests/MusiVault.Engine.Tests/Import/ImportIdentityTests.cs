using System.Text;
using Microsoft.Data.Sqlite;
using MusiVault.Engine.Import;
using MusiVault.Engine.Query;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Tests.Import;

/// <summary>Play identities are time first (the import's speed depends on it) and vaults written before keep deduplicating.</summary>
public sealed class ImportIdentityTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public void Identities_order_by_end_second_and_a_range_covers_exactly_its_seconds()
    {
        var early = new PlayIdentity(1_700_000_000, "spotify:track:zzz").Hash;
        var late = new PlayIdentity(1_700_000_001, "spotify:track:aaa").Hash;
        var (first, last) = PlayIdentity.RangeOf(1_700_000_000, 1_700_000_000);

        Assert.True(early < late);
        Assert.InRange(early, first, last);
        Assert.NotInRange(late, first, last);
        Assert.Equal(1_700_000_000, early >> 32);
    }

    [Fact]
    public void A_play_stored_with_the_old_identity_is_found_again_after_the_upgrade()
    {
        const long Seconds = 1_714_979_289; // 2024-05-06T07:08:09Z
        var path = Path.Combine(_temp.Path, "old.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            // The first version with a plays table: it stored the whole 64-bit hash as the identity.
            for (var version = 1; version <= VaultSchema.CurrentVersion; version++)
            {
                VaultSchema.Migrate(connection, version);
                if (VaultDatabase.Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'plays'") is long and > 0)
                {
                    break;
                }
            }
            VaultDatabase.Execute(connection, $"""
                INSERT INTO play_items (id, item_key, kind, uri, name) VALUES (1, 'spotify:track:m1', 'track', 'spotify:track:m1', 'Old');
                INSERT INTO plays (identity, ended_at, item_id, ms_played, source) VALUES ({OldIdentity(Seconds, "spotify:track:m1")}, {Seconds * 1000}, 1, 1000, 2);
                """);
        }
        _temp.Write("export/Streaming_History_Audio_2024_0.json", """
            [{"ts":"2024-05-06T07:08:09Z","ms_played":1000,"master_metadata_track_name":"Old","spotify_track_uri":"spotify:track:m1"},
             {"ts":"2024-05-06T07:18:09Z","ms_played":2000,"master_metadata_track_name":"New","spotify_track_uri":"spotify:track:m2"}]
            """);

        var result = ImportService.Import(path, [Path.Combine(_temp.Path, "export")], new ImportOptions(), null, CancellationToken.None);

        Assert.Equal((2, 1, 1), (result.PlaysRead, result.PlaysAdded, result.PlaysAlreadyPresent));
        Assert.Equal(2, new VaultQueries(path).Plays(new PlayQuery { IncludeSkipped = true }).Count());
    }

    [Fact]
    public void An_api_play_in_the_same_second_as_the_export_play_still_takes_the_exports_fields()
    {
        var vault = Path.Combine(_temp.Path, "same-second.db");
        var endedAt = new DateTimeOffset(2025, 3, 1, 12, 0, 0, 400, TimeSpan.Zero);
        using (var session = VaultSession.Open(vault, endedAt))
        {
            var track = new SpotifyPlayable { Kind = PlayableKind.Track, Id = "t1", Uri = "spotify:track:t1", Name = "Song", DurationMs = 1000, RawJson = "{}" };
            session.InTransaction(() => Assert.True(session.Plays.Add(new SpotifyPlay { PlayedAt = endedAt, Track = track })));
        }
        var file = _temp.Write("Streaming_History_Audio_2025_0.json", """
            [{"ts":"2025-03-01T12:00:00Z","platform":"linux","ms_played":5000,"master_metadata_track_name":"Song","spotify_track_uri":"spotify:track:t1"}]
            """);

        var first = ImportService.Import(vault, [file], new ImportOptions(), null, CancellationToken.None);
        var again = ImportService.Import(vault, [file], new ImportOptions(), null, CancellationToken.None);

        Assert.Equal((0, 1, 0, 1, 0), (first.FilesFailed, first.PlaysRead, first.PlaysAdded, first.PlaysMergedWithApi, first.PlaysAlreadyPresent));
        Assert.Equal((0, 0, 1), (again.PlaysAdded, again.PlaysMergedWithApi, again.PlaysAlreadyPresent));
        var play = Assert.Single(new VaultQueries(vault).Plays(new PlayQuery { IncludeSkipped = true }));
        Assert.Equal("linux", play.Platform);
        Assert.Equal(VaultFormat.DurationData(TimeSpan.FromSeconds(5)), play.Played);
    }

    // What version 6 stored: FNV-1a 64 over the second's 8 bytes and the item's UTF-8.
    private static long OldIdentity(long seconds, string item)
    {
        const ulong Prime = 1099511628211UL;
        var hash = 14695981039346656037UL;
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(seconds >> (8 * i))) * Prime;
        }
        foreach (var b in Encoding.UTF8.GetBytes(item))
        {
            hash = (hash ^ b) * Prime;
        }
        return unchecked((long)hash);
    }
}
