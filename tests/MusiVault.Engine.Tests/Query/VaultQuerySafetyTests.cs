using Microsoft.Data.Sqlite;
using MusiVault.Engine.Query;
using MusiVault.Engine.Vault;
using static MusiVault.Engine.Tests.Query.ReferenceWildcard;

namespace MusiVault.Engine.Tests.Query;

public sealed class VaultQuerySafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mv-qsafe-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static readonly string[] Injections =
    [
        VaultSeed.Injection,
        "' OR '1'='1",
        "\" OR \"\"=\"",
        "'; DELETE FROM liked_tracks; --",
        "%' OR 1=1 --",
        "*'); UPDATE playlists SET name = 'pwned'; --",
        "1; ATTACH DATABASE '/tmp/x.db' AS x; --",
        "') UNION SELECT sql, sql, sql FROM sqlite_master --",
    ];

    [Fact]
    public void Injection_attempts_in_every_string_parameter_return_normal_results_and_change_nothing()
    {
        var path = Path.Combine(_dir, "vault.db");
        var seed = VaultSeed.Messy();
        seed.WriteTo(path);
        var before = VaultSeed.ContentHash(path);
        var queries = new VaultQueries(path);
        foreach (var text in Injections)
        {
            string[] list = [text];
            var libraryNames = queries.Tracks(new TrackQuery { Name = text, IncludeRemoved = true }).Select(t => t.Name).ToList();
            Assert.Equal(seed.Items.Where(i => Like(i.Name, text)).Select(i => i.Name), libraryNames);
            Assert.Equal(seed.Items.Count(i => i.ArtistNames.Any(a => Like(a, text))), queries.Tracks(new TrackQuery { Artist = text, IncludeRemoved = true }).Count());
            _ = queries.Tracks(new TrackQuery { Album = text }).ToList();
            Assert.Empty(queries.Tracks(new TrackQuery { Ids = list }));
            var notFound = Assert.Throws<MusiVaultException>(() => queries.Tracks(new TrackQuery { Playlist = text }).ToList());
            Assert.Equal("PlaylistNotFound", notFound.ErrorId);
            Assert.Equal(seed.Playlists.Count(p => p.DeletedAt is null && Like(p.Name, text)), queries.Playlists(new PlaylistQuery { Name = text }).Count());
            Assert.Empty(queries.Playlists(new PlaylistQuery { Ids = list }));
            _ = queries.Albums(new AlbumQuery { Name = text, Artist = text, Ids = list }).ToList();
            _ = queries.Artists(new ArtistQuery { Name = text, Ids = list }).ToList();
            Assert.Equal(seed.Artists.Count(a => Like(a.Name, text)), queries.Artists(new ArtistQuery { Name = text }).Count());
            _ = queries.Shows(new ShowQuery { Name = text, Ids = list }).ToList();
            _ = queries.Episodes(new EpisodeQuery { Name = text, Show = text, Ids = list }).ToList();
            _ = queries.Plays(new PlayQuery { Name = text }).ToList();
            Assert.Empty(queries.Changes(new ChangeQuery { Kinds = list, EntityTypes = list }));
            _ = queries.ArtistNames(text, 10).ToList();
        }
        // The one item literally named like an injection is found by its name, and only it.
        Assert.Equal(["t16"], queries.Tracks(new TrackQuery { Name = VaultSeed.Injection }).Select(t => t.Id));
        Assert.Equal(before, VaultSeed.ContentHash(path));
    }

    [Fact]
    public void A_100k_row_query_yields_its_first_object_after_reading_one_row()
    {
        var path = Path.Combine(_dir, "big.db");
        const int rows = 100_000;
        using (var connection = VaultDatabase.Open(path))
        using (var tx = connection.BeginTransaction())
        {
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "INSERT INTO tracks (uri, id, type, name, duration_ms, explicit, raw_json, first_seen_at, updated_at) VALUES ($uri, $id, 'track', $name, 1000, 0, '{}', 'x', 'x')";
            var uri = command.Parameters.Add("$uri", SqliteType.Text);
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var name = command.Parameters.Add("$name", SqliteType.Text);
            command.Prepare();
            for (var i = 0; i < rows; i++)
            {
                id.Value = "t" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                uri.Value = "spotify:track:" + id.Value;
                name.Value = "Song " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                command.ExecuteNonQuery();
            }
            tx.Commit();
        }

        var read = 0;
        var queries = new VaultQueries(path) { RowRead = () => read++ };
        using (var enumerator = queries.Tracks(new TrackQuery { IncludeRemoved = true, Name = "Song*" }).GetEnumerator())
        {
            Assert.True(enumerator.MoveNext());
            Assert.Equal("Song 0", enumerator.Current.Name);
            Assert.Equal(1, read);
            Assert.True(enumerator.MoveNext());
            Assert.Equal(2, read);
        }

        read = 0;
        Assert.Equal(rows, queries.Tracks(new TrackQuery { IncludeRemoved = true, Name = "Song*" }).Count());
        Assert.Equal(rows, read);
    }

    [Fact]
    public void A_missing_vault_is_reported_and_not_created()
    {
        var path = Path.Combine(_dir, "nope", "vault.db");
        var ex = Assert.Throws<VaultNotFoundException>(() => new VaultQueries(path).Tracks(new TrackQuery()).ToList());
        Assert.Equal("VaultNotFound", ex.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, ex.Category);
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void Readers_keep_working_while_a_writer_holds_a_transaction()
    {
        var path = Path.Combine(_dir, "vault.db");
        VaultSeed.Messy().WriteTo(path);
        var queries = new VaultQueries(path);
        var before = queries.Tracks(new TrackQuery { IncludeRemoved = true }).Count();
        using var writer = VaultDatabase.Open(path);
        using (var tx = writer.BeginTransaction(deferred: false))
        {
            using var command = writer.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "INSERT INTO tracks (uri, id, type, name, duration_ms, explicit, raw_json, first_seen_at, updated_at) VALUES ('spotify:track:new', 'new', 'track', 'New', 1, 0, '{}', 'x', 'x')";
            command.ExecuteNonQuery();
            // Uncommitted: readers see the last committed state, without waiting.
            Assert.Equal(before, queries.Tracks(new TrackQuery { IncludeRemoved = true }).Count());
            Assert.Equal(7, new VaultQueries(path).Playlists(new PlaylistQuery { IncludeDeleted = true }).Count());
            tx.Commit();
        }
        Assert.Equal(before + 1, queries.Tracks(new TrackQuery { IncludeRemoved = true }).Count());
    }

    [Fact]
    public void VaultInfo_counts_each_collection_and_reports_the_last_sync()
    {
        var path = Path.Combine(_dir, "vault.db");
        var seed = VaultSeed.Messy();
        seed.WriteTo(path);
        var info = new VaultQueries(path).Info();
        Assert.Equal(seed.Items.Count(i => i.Type != "episode"), info.Tracks);
        Assert.Equal(seed.Items.Count(i => i.Type == "episode"), info.Episodes);
        Assert.Equal(seed.Likes.Count(l => l.RemovedAt is null), info.LikedTracks);
        Assert.Equal(seed.Playlists.Count(p => p.DeletedAt is null), info.Playlists);
        Assert.Equal(seed.Playlists.Where(p => p.DeletedAt is null).Sum(p => p.Entries.Length), info.PlaylistEntries);
        Assert.Equal(seed.Albums.Count, info.Albums);
        Assert.Equal(seed.Albums.Count(a => a.SavedAt is not null && a.UnsavedAt is null), info.SavedAlbums);
        Assert.Equal(seed.Artists.Count, info.Artists);
        Assert.Equal(seed.Artists.Count(a => a.FollowedAt is not null && a.UnfollowedAt is null), info.FollowedArtists);
        Assert.Equal(seed.Shows.Count, info.Shows);
        Assert.Equal(seed.Shows.Count(s => s.SavedAt is not null && s.UnsavedAt is null), info.SavedShows);
        Assert.Equal(seed.SavedEpisodes.Count(e => e.RemovedAt is null), info.SavedEpisodes);
        Assert.Equal(seed.Plays.Count, info.Plays);
        Assert.Equal(seed.Changes.Count, info.Changes);
        Assert.Equal(seed.Runs.Count, info.SyncRuns);
        Assert.Equal("running", info.LastSyncStatus);
        Assert.Equal(VaultSeed.Utc(seed.Runs[^1].StartedAt), info.LastSyncAt);
    }
}
