using Microsoft.Data.Sqlite;
using MusiVault.Engine.Import;
using MusiVault.Engine.Query;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Vault;
using MusiVault.FakeSpotify.DataExport;

namespace MusiVault.Engine.Tests.Import;

/// <summary>The import into a real vault: exact counts from the generator's manifest, idempotence, merges, bad files.</summary>
public sealed class ImportServiceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private sealed class Recorder : IImportObserver
    {
        public List<MusiVaultException> Failures { get; } = [];

        public void FileStarting(string fileName, int index, int count)
        {
        }

        public void FileFailed(MusiVaultException error) => Failures.Add(error);
    }

    private static ImportResult Import(string vault, string path, Recorder? recorder = null) =>
        ImportService.Import(vault, [path], new ImportOptions(), recorder, CancellationToken.None);

    [Fact]
    public void A_generated_export_imports_with_the_manifests_counts_and_a_reimport_adds_nothing()
    {
        var export = Path.Combine(_temp.Path, "export");
        var manifest = DataExportGenerator.Write(export, new DataExportSpec { Plays = 4_000, Years = 3, Seed = 11, PlaysPerFile = 900, Truncated = true });
        var vault = Path.Combine(_temp.Path, "v.db");
        var recorder = new Recorder();

        var first = Import(vault, export, recorder);

        Assert.Equal(1, first.FilesFailed);
        var failure = Assert.Single(recorder.Failures);
        Assert.Equal("ExportFileInvalid", failure.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, failure.Category);
        Assert.EndsWith(Path.GetFileName(manifest.Files.Single(f => f.Truncated).Path), (string)failure.Target!, StringComparison.Ordinal);
        Assert.Equal(manifest.DistinctPlays, first.PlaysAdded);
        Assert.Equal(manifest.EndsongDuplicates, first.PlaysAlreadyPresent);
        Assert.Equal(manifest.AccountMatched, first.AccountPlaysMatched);
        Assert.Equal(manifest.Playlists, first.Playlists);
        var queries = new VaultQueries(vault);
        Assert.Equal(manifest.DistinctPlays, queries.Plays(new PlayQuery { IncludeSkipped = true }).Count());

        var again = Import(vault, export);
        Assert.Equal(0, again.PlaysAdded);
        Assert.Equal(again.PlaysRead, again.PlaysAlreadyPresent + again.AccountPlaysMatched);
        Assert.Equal(manifest.DistinctPlays, queries.Plays(new PlayQuery { IncludeSkipped = true }).Count());
    }

    [Fact]
    public void An_export_play_and_the_API_play_it_repeats_are_one_row_with_the_exports_fields()
    {
        var vault = Path.Combine(_temp.Path, "merge.db");
        var endedAt = new DateTimeOffset(2025, 3, 1, 12, 0, 0, 250, TimeSpan.Zero);
        using (var session = VaultSession.Open(vault, endedAt))
        {
            var track = new SpotifyPlayable { Kind = PlayableKind.Track, Id = "t1", Uri = "spotify:track:t1", Name = "Song", DurationMs = 1000, RawJson = "{}" };
            session.InTransaction(() => Assert.True(session.Plays.Add(new SpotifyPlay { PlayedAt = endedAt, Track = track })));
        }
        var file = _temp.Write("Streaming_History_Audio_2025_0.json", """
            [{"ts":"2025-03-01T12:00:03Z","platform":"linux","ms_played":5000,"conn_country":"SE","master_metadata_track_name":"Song",
              "master_metadata_album_artist_name":"Band","spotify_track_uri":"spotify:track:t1","skipped":false},
             {"ts":"2025-03-01T12:10:00Z","ms_played":7000,"master_metadata_track_name":"Song","spotify_track_uri":"spotify:track:t1"}]
            """);

        var result = Import(vault, file);

        Assert.Equal(1, result.PlaysMergedWithApi);
        Assert.Equal(1, result.PlaysAdded);
        var plays = new VaultQueries(vault).Plays(new PlayQuery()).ToList();
        Assert.Equal(2, plays.Count);
        var merged = plays.Single(p => p.Source == (VaultPlaySource.Api | VaultPlaySource.Export));
        Assert.Equal("linux", merged.Platform);
        Assert.Equal(TimeSpan.FromSeconds(5), merged.PlayedValue);
        Assert.Equal(0, Import(vault, file).PlaysAdded);
        Assert.Equal(2, new VaultQueries(vault).Plays(new PlayQuery()).Count());

        // The API reporting the play again (a later sync) does not add it either.
        using (var session = VaultSession.Open(vault, endedAt))
        {
            var track = new SpotifyPlayable { Kind = PlayableKind.Track, Id = "t1", Uri = "spotify:track:t1", Name = "Song", DurationMs = 1000, RawJson = "{}" };
            session.InTransaction(() => Assert.False(session.Plays.Add(new SpotifyPlay { PlayedAt = endedAt, Track = track })));
        }
        Assert.Equal(2, new VaultQueries(vault).Plays(new PlayQuery()).Count());
    }

    [Fact]
    public void Measure_groups_in_SQL_what_Plays_returns()
    {
        var export = Path.Combine(_temp.Path, "m");
        DataExportGenerator.Write(export, new DataExportSpec { Plays = 2_000, Years = 2, Seed = 5 });
        var vault = Path.Combine(_temp.Path, "m.db");
        Import(vault, export);
        var queries = new VaultQueries(vault);
        var query = new PlayQuery { MinPlayed = TimeSpan.FromSeconds(10) };
        var expected = queries.Plays(query).Where(p => p.Artist is not null).GroupBy(p => p.Artist!, StringComparer.Ordinal)
            .Select(g => $"{g.Key}|{g.Count()}|{(long)g.Sum(p => p.PlayedValue!.Value.TotalMilliseconds)}").Order(StringComparer.Ordinal);
        var measured = queries.MeasurePlays(query, VaultPlayGrouping.Artist, null)
            .Select(m => $"{m.Key}|{m.Plays}|{(long)m.PlayedValue.TotalMilliseconds}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, measured);
        var months = queries.Plays(query).GroupBy(p => p.EndedAt.ToLocalTime().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))
            .Select(g => $"{g.Key}|{g.Count()}").Order(StringComparer.Ordinal);
        Assert.Equal(months, queries.MeasurePlays(query, VaultPlayGrouping.Month, null).Select(m => $"{m.Key}|{m.Plays}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_schema_3_vaults_recently_played_becomes_API_plays()
    {
        var path = Path.Combine(_temp.Path, "v3.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            VaultSchema.Migrate(connection, 3);
            VaultDatabase.Execute(connection, """
                INSERT INTO tracks (uri, id, type, name, duration_ms, explicit, raw_json, first_seen_at, updated_at)
                    VALUES ('spotify:track:t1', 't1', 'track', 'Song', 1000, 0, '{}', 't', 't');
                INSERT INTO track_artists (track_uri, position, artist_id, artist_name) VALUES ('spotify:track:t1', 0, NULL, 'Band');
                INSERT INTO recently_played (played_at, track_uri, context_type) VALUES ('2024-05-01T10:00:00.123Z', 'spotify:track:t1', 'playlist');
                INSERT INTO recently_played (played_at, track_uri) VALUES ('2024-05-02T10:00:00.000Z', 'spotify:track:t1');
                """);
        }
        using (VaultSession.Open(path, DateTimeOffset.UtcNow))
        {
        }
        var plays = new VaultQueries(path).Plays(new PlayQuery()).ToList();
        Assert.Equal(2, plays.Count);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, 123, TimeSpan.Zero), plays[1].EndedAt);
        Assert.Equal(("Song", "Band", "playlist", VaultPlaySource.Api), (plays[1].Name, plays[1].Artist, plays[1].ContextType, plays[1].Source));
        Assert.Equal(2, new VaultQueries(path).Info().Plays);
    }
}
