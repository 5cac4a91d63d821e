using System.Xml;
using MusiVault.Engine.Export;
using MusiVault.FakeSpotify;

namespace MusiVault.Engine.Tests.Export;

/// <summary>The engine entry point Export-VaultPlaylist calls: choosing playlists, paths, and whole files.</summary>
public sealed class PlaylistExportServiceTests(SyncedExportVault vault) : IClassFixture<SyncedExportVault>, IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("mv-export-service-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private FakeLibrary Library => vault.Library;

    private PlaylistExportService Service(PlaylistExportFormat format = PlaylistExportFormat.ExportifyCsv, string? destination = null, bool force = false) =>
        new(new PlaylistExportOptions
        {
            VaultPath = vault.Harness.VaultPath,
            Destination = destination,
            CurrentDirectory = _out,
            Format = format,
            Force = force,
        });

    private FakePlaylist Owned(Func<FakePlaylist, bool>? also = null) =>
        Library.Playlists.First(p => p.Owner.Id == Library.Me.Id && p.Entries.Count > 3 && (also?.Invoke(p) ?? true));

    [Fact]
    public void Find_takes_an_id_a_uri_a_link_a_name_or_a_wildcard()
    {
        var service = Service();
        var playlist = Owned(p => p.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == ' '));
        foreach (var given in new[]
        {
            playlist.Id, playlist.Uri, $"https://open.spotify.com/playlist/{playlist.Id}?si=abc123",
            $"https://open.spotify.com/intl-de/playlist/{playlist.Id}", playlist.Name.ToUpperInvariant(),
        })
        {
            Assert.Equal([playlist.Id], service.Find(given).Select(p => p.Id));
        }
        var all = service.Find("*");
        Assert.Equal(Library.Playlists.Select(p => p.Id), all.Select(p => p.Id));
        Assert.Equal("PlaylistNotFound", Assert.Throws<MusiVaultException>(() => service.Find("no such playlist *")).ErrorId);
        var missing = Assert.Throws<MusiVaultException>(() => service.Find("no such playlist"));
        Assert.Equal(("PlaylistNotFound", ErrorKind.ObjectNotFound), (missing.ErrorId, missing.Category));
        Assert.Throws<MusiVaultException>(() => service.FindIds(["0000000000000000000000"]));
    }

    [Theory]
    [InlineData(PlaylistExportFormat.ExportifyCsv, ".csv")]
    [InlineData(PlaylistExportFormat.M3u, ".m3u8")]
    [InlineData(PlaylistExportFormat.Xspf, ".xspf")]
    [InlineData(PlaylistExportFormat.Json, ".json")]
    public void Every_playlist_and_liked_songs_become_one_file_each(PlaylistExportFormat format, string extension)
    {
        var service = Service(format, destination: "out/");
        var items = service.All(withLiked: true);
        Assert.Equal(Library.Playlists.Count + 1, items.Count);
        var files = new List<FileInfo>();
        foreach (var item in items)
        {
            var result = service.Write(item, service.PathFor(item), CancellationToken.None);
            files.Add(result.File);
            var expected = item.Id is null ? Library.LikedTracks.Count
                : item.EntriesWithheld ? 0
                : Library.Playlists.Single(p => p.Id == item.Id).Entries.Count;
            Assert.Equal(expected, result.Entries);
        }
        Assert.All(files, f => Assert.Equal(extension, f.Extension));
        Assert.All(files, f => Assert.Equal(Path.Combine(_out, "out"), f.DirectoryName));
        Assert.Equal(files.Count, files.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("Liked Songs" + extension, files[0].Name);
        Assert.Empty(Directory.GetFiles(Path.Combine(_out, "out"), "*.tmp"));
        if (format == PlaylistExportFormat.Xspf)
        {
            foreach (var file in files)
            {
                using var reader = XmlReader.Create(file.FullName);
                while (reader.Read())
                {
                    // Throws on malformed XML; the schema checks are the writer tests' and the Pester tests'.
                }
            }
        }
    }

    [Fact]
    public void An_existing_file_needs_force_and_is_left_untouched_without_it()
    {
        var playlist = Owned();
        var target = Path.Combine(_out, "mine.csv");
        File.WriteAllText(target, "keep me");

        var service = Service(destination: target);
        var exists = Assert.Throws<MusiVaultException>(() => service.PathFor(service.Find(playlist.Id).Single()));
        Assert.Equal(("ExportFileExists", ErrorKind.ResourceExists, (object?)target), (exists.ErrorId, exists.Category, exists.Target));
        Assert.Equal("keep me", File.ReadAllText(target));

        var forced = Service(destination: target, force: true);
        var item = forced.Find(playlist.Id).Single();
        var result = forced.Write(item, forced.PathFor(item), CancellationToken.None);
        Assert.Equal(target, result.File.FullName);
        Assert.StartsWith("\"Track URI\"", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_destination_takes_one_playlist_only()
    {
        var service = Service(destination: Path.Combine(_out, "one.xspf"));
        var several = Assert.Throws<MusiVaultException>(() => service.All(withLiked: false));
        Assert.Equal(("ExportDestinationIsFile", ErrorKind.InvalidArgument), (several.ErrorId, several.Category));

        var first = service.Find(Owned().Id).Single();
        service.Write(first, service.PathFor(first), CancellationToken.None);
        var second = Assert.Throws<MusiVaultException>(() => service.Liked());
        Assert.Equal("ExportDestinationIsFile", second.ErrorId);
        Assert.Single(Directory.GetFiles(_out));
    }

    [Fact]
    public void A_cancelled_export_leaves_no_file()
    {
        var service = Service(destination: "cancelled/");
        var item = service.Liked();
        var path = service.PathFor(item);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => service.Write(item, path, cancel.Token));
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(Path.Combine(_out, "cancelled")));
    }

    [Fact]
    public void A_missing_vault_is_VaultNotFound_and_creates_nothing()
    {
        var missing = Path.Combine(_out, "none.db");
        var service = new PlaylistExportService(new PlaylistExportOptions { VaultPath = missing, CurrentDirectory = _out });
        var ex = Assert.ThrowsAny<MusiVaultException>(() => service.All(withLiked: false));
        Assert.Equal("VaultNotFound", ex.ErrorId);
        Assert.False(File.Exists(missing));
    }
}
