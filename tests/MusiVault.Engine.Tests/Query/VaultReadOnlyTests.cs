using System.Text.Json;
using Microsoft.Data.Sqlite;
using MusiVault.Engine.Query;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Tests.Query;

/// <summary>Readers open the vault read-only: they never create, migrate or rewrite it.</summary>
public sealed class VaultReadOnlyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mv-qro-").FullName;

    public void Dispose()
    {
        if (!OperatingSystem.IsWindows())
        {
            foreach (var dir in Directory.EnumerateDirectories(_dir, "*", SearchOption.AllDirectories).Prepend(_dir))
            {
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Every read the cmdlets can make, as text: equal text means equal results.</summary>
    private static List<string> ReadEverything(VaultQueries q)
    {
        var all = new List<object>();
        all.AddRange(q.Tracks(new TrackQuery { IncludeRemoved = true }));
        all.AddRange(q.Tracks(new TrackQuery()));
        all.AddRange(q.Tracks(new TrackQuery { Liked = true, IncludeRemoved = true }));
        all.AddRange(q.Tracks(new TrackQuery { Artist = "*a*" }));
        all.AddRange(q.Tracks(new TrackQuery { Playlist = "Road Trip" }));
        all.AddRange(q.Tracks(new TrackQuery { Playlist = "pl1", Artist = "Home*" }));
        all.AddRange(q.Playlists(new PlaylistQuery { IncludeDeleted = true }));
        all.AddRange(q.Albums(new AlbumQuery()));
        all.AddRange(q.Artists(new ArtistQuery()));
        all.AddRange(q.ArtistNames("*", 100));
        all.AddRange(q.Shows(new ShowQuery()));
        all.AddRange(q.Episodes(new EpisodeQuery()));
        all.AddRange(q.TopItems(new TopItemQuery()));
        all.AddRange(q.RecentlyPlayed(new PlayQuery()));
        all.AddRange(q.Changes(new ChangeQuery()));
        all.AddRange(q.SyncRuns(null));
        var info = q.Info();
        info.SizeBytes = 0;
        all.Add(info);
        return all.Select(o => o.GetType().Name + JsonSerializer.Serialize(o, o.GetType())).ToList();
    }

    private string SeededVault(string name = "vault.db")
    {
        var path = Path.Combine(_dir, name);
        VaultSeed.Messy().WriteTo(path);
        return path;
    }

    [Fact]
    public void Reading_never_changes_the_vault_file()
    {
        var path = SeededVault();
        var when = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, when);
        var bytes = File.ReadAllBytes(path);

        var results = ReadEverything(new VaultQueries(path));

        Assert.NotEmpty(results);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(when, File.GetLastWriteTimeUtc(path));
        Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0, "a reader wrote to the WAL");
    }

    [Fact]
    public void A_read_only_vault_file_in_a_read_only_folder_reads_like_any_other()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No Unix file modes; the read-only open is the same code.
        }
        var expected = ReadEverything(new VaultQueries(SeededVault()));
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "locked")).FullName;
        var path = Path.Combine(folder, "vault.db");
        VaultSeed.Messy().WriteTo(path);
        var bytes = File.ReadAllBytes(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var actual = ReadEverything(new VaultQueries(path));

        Assert.Equal(expected.Select(Unpathed), actual.Select(Unpathed));
        Assert.Equal(bytes, File.ReadAllBytes(path));
        string Unpathed(string text) => text.Replace(JsonEncoded(folder), JsonEncoded(_dir), StringComparison.Ordinal);
    }

    private static string JsonEncoded(string text) => JsonSerializer.Serialize(text)[1..^1];

    public static TheoryData<string> EveryReader() => ["info", "tracks", "playlists", "albums", "artists", "artist names", "shows",
        "episodes", "top items", "plays", "changes", "sync runs"];

    private static void Read(VaultQueries q, string reader)
    {
        object _ = reader switch
        {
            "info" => q.Info(),
            "tracks" => q.Tracks(new TrackQuery()).ToList(),
            "playlists" => q.Playlists(new PlaylistQuery()).ToList(),
            "albums" => q.Albums(new AlbumQuery()).ToList(),
            "artists" => q.Artists(new ArtistQuery()).ToList(),
            "artist names" => q.ArtistNames("*", 10).ToList(),
            "shows" => q.Shows(new ShowQuery()).ToList(),
            "episodes" => q.Episodes(new EpisodeQuery()).ToList(),
            "top items" => q.TopItems(new TopItemQuery()).ToList(),
            "plays" => q.RecentlyPlayed(new PlayQuery()).ToList(),
            "changes" => q.Changes(new ChangeQuery()).ToList(),
            "sync runs" => q.SyncRuns(null).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(reader)),
        };
    }

    [Theory]
    [MemberData(nameof(EveryReader))]
    public void A_missing_vault_is_VaultNotFound_and_nothing_is_created(string reader)
    {
        var path = Path.Combine(_dir, "absent", "vault.db");
        var ex = Assert.Throws<VaultNotFoundException>(() => Read(new VaultQueries(path), reader));
        Assert.Equal("VaultNotFound", ex.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, ex.Category);
        Assert.Equal(path, ex.Target);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_file_with_an_older_schema_is_VaultSchemaOutdated_and_left_as_it_is(int version)
    {
        var path = Path.Combine(_dir, "old.db");
        if (version == 0)
        {
            File.WriteAllBytes(path, []);
        }
        else
        {
            WithRawConnection(path, $"CREATE TABLE vault_meta (key TEXT PRIMARY KEY, value TEXT); PRAGMA user_version = {version};");
        }
        var bytes = File.ReadAllBytes(path);
        var ex = Assert.Throws<VaultSchemaOutdatedException>(() => new VaultQueries(path).Info());
        Assert.Equal("VaultSchemaOutdated", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, ex.Category);
        Assert.Contains("Sync-SpotifyLibrary", ex.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(version, version == 0 ? 0 : UserVersion(path));
    }

    [Fact]
    public void A_vault_from_a_newer_MusiVault_is_VaultSchemaTooNew()
    {
        var path = SeededVault();
        WithRawConnection(path, $"PRAGMA user_version = {VaultSchema.CurrentVersion + 1};");
        var ex = Assert.Throws<VaultSchemaTooNewException>(() => new VaultQueries(path).Tracks(new TrackQuery()).ToList());
        Assert.Equal("VaultSchemaTooNew", ex.ErrorId);
        Assert.Equal(VaultSchema.CurrentVersion + 1, UserVersion(path));
    }

    [Fact]
    public void Reads_take_artist_names_and_images_from_their_own_tables_so_a_schema_2_vault_with_stale_copies_reads_the_same()
    {
        var path = SeededVault();
        var before = ReadEverything(new VaultQueries(path));
        // Migration 3 dropped the copies; a vault of schema 2 (read without an upgrade) still carries them. Put them
        // back with wrong values: if any read used them, the wrong value would show.
        WithRawConnection(path, """
            ALTER TABLE tracks ADD COLUMN artist_names TEXT;
            ALTER TABLE profile ADD COLUMN images TEXT; ALTER TABLE artists ADD COLUMN images TEXT; ALTER TABLE albums ADD COLUMN images TEXT;
            ALTER TABLE shows ADD COLUMN images TEXT; ALTER TABLE playlists ADD COLUMN images TEXT;
            UPDATE tracks SET artist_names = '["not the credited artist"]';
            UPDATE artists SET images = '[{"url":"x"}]'; UPDATE albums SET images = '[{"url":"x"}]';
            UPDATE shows SET images = '[{"url":"x"}]'; UPDATE playlists SET images = '[{"url":"x"}]';
            UPDATE profile SET images = '[{"url":"x"}]';
            PRAGMA user_version = 2;
            """);
        Assert.Equal(2, UserVersion(path));
        var stale = ReadEverything(new VaultQueries(path));
        Assert.Equal(before.Where(r => !r.StartsWith("VaultInfo", StringComparison.Ordinal)), stale.Where(r => !r.StartsWith("VaultInfo", StringComparison.Ordinal)));
    }

    private static void WithRawConnection(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int UserVersion(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return VaultSchema.GetVersion(connection);
    }
}
