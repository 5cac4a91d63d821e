using MusiVault.Engine.Export;

namespace MusiVault.Engine.Tests.Export;

public sealed class ExportDestinationTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("musivault-export-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void A_folder_gets_one_file_per_playlist_named_from_the_playlist()
    {
        var destination = ExportDestination.Resolve("out", folder.FullName, ExportFormat.Xspf, force: false);

        Assert.False(destination.IsFile);
        var first = destination.NextPath(ExportSamples.Playlist);
        var second = destination.NextPath(ExportSamples.Playlist with { Id = "0000000000000000000009" });
        Assert.Equal(Path.Join(folder.FullName, "out", "Road _Trip_ & _Friends_, vol. 1.xspf"), first);
        Assert.Equal(Path.Join(folder.FullName, "out", "Road _Trip_ & _Friends_, vol. 1 (0000000000000000000009).xspf"), second);
    }

    [Fact]
    public void A_file_destination_takes_exactly_one_playlist()
    {
        var destination = ExportDestination.Resolve("mix.csv", folder.FullName, ExportFormat.ExportifyCsv, force: false);

        Assert.True(destination.IsFile);
        Assert.Equal(Path.Join(folder.FullName, "mix.csv"), destination.NextPath(ExportSamples.Playlist));
        var second = Assert.Throws<MusiVaultException>(() => destination.NextPath(ExportSamples.Playlist));
        Assert.Equal("ExportDestinationIsFile", second.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, second.Category);

        var upFront = Assert.Throws<MusiVaultException>(() =>
            ExportDestination.Resolve("mix.csv", folder.FullName, ExportFormat.ExportifyCsv, force: false, playlistCount: 2));
        Assert.Equal("ExportDestinationIsFile", upFront.ErrorId);
    }

    [Fact]
    public void An_existing_file_needs_Force()
    {
        var path = Path.Join(folder.FullName, "mix.csv");
        File.WriteAllText(path, "keep me");

        var error = Assert.Throws<MusiVaultException>(() =>
            ExportDestination.Resolve(path, folder.FullName, ExportFormat.ExportifyCsv, force: false).NextPath(ExportSamples.Playlist));
        Assert.Equal("ExportFileExists", error.ErrorId);
        Assert.Equal(ErrorKind.ResourceExists, error.Category);
        Assert.Equal(path, error.Target);
        Assert.Equal("keep me", File.ReadAllText(path));

        var forced = ExportDestination.Resolve(path, folder.FullName, ExportFormat.ExportifyCsv, force: true);
        var file = AtomicExportFile.Write(forced.NextPath(ExportSamples.Playlist), overwrite: true,
            stream => PlaylistExporter.Write(ExportFormat.ExportifyCsv, ExportSamples.Playlist, ExportSamples.Entries, stream));
        Assert.StartsWith("\"Track URI\"", File.ReadAllText(file.FullName), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_created_meanwhile_is_not_overwritten_without_Force()
    {
        var path = Path.Join(folder.FullName, "race.m3u8");
        var error = Assert.Throws<MusiVaultException>(() => AtomicExportFile.Write(path, overwrite: false, stream =>
        {
            File.WriteAllText(path, "someone else's");
            stream.WriteByte((byte)'#');
        }));
        Assert.Equal("ExportFileExists", error.ErrorId);
        Assert.Equal("someone else's", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.FullName));
    }

    [Fact]
    public async Task A_failed_write_leaves_the_old_file_and_no_temporary_file()
    {
        var path = Path.Join(folder.FullName, "mix.json");
        File.WriteAllText(path, "old");

        await Assert.ThrowsAsync<InvalidDataException>(() => AtomicExportFile.WriteAsync(path, overwrite: true, async (stream, token) =>
        {
            await stream.WriteAsync(new byte[100_000], token);
            throw new InvalidDataException("the store failed midway");
        }, CancellationToken.None));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.FullName));
    }

    [Fact]
    public async Task An_async_export_writes_the_whole_file_atomically()
    {
        var destination = ExportDestination.Resolve(null, folder.FullName, ExportFormat.M3u, force: false);
        var path = destination.NextPath(ExportSamples.Playlist with { Name = "CON" });

        var file = await AtomicExportFile.WriteAsync(path, overwrite: false, (stream, token) =>
            PlaylistExporter.WriteAsync(ExportFormat.M3u, ExportSamples.Playlist, ToAsync(ExportSamples.Entries), stream, token), CancellationToken.None);

        Assert.Equal("CON_.m3u8", file.Name);
        Assert.StartsWith("#EXTM3U\n", File.ReadAllText(file.FullName), StringComparison.Ordinal);
        Assert.Equal([file.FullName], Directory.GetFiles(folder.FullName));
    }

    private static async IAsyncEnumerable<ExportEntry> ToAsync(IEnumerable<ExportEntry> entries)
    {
        foreach (var entry in entries)
        {
            await Task.Yield();
            yield return entry;
        }
    }
}
