using System.Text;
using MusiVault.Engine.Import;

namespace MusiVault.Engine.Tests.Import;

/// <summary>A temporary folder, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mv-import-").FullName;

    public string Write(string relative, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public string Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow CI disk: the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Everything one file gave, read the way the store will read it.</summary>
internal sealed record FileRead(ExportFile File, List<ExportPlay> Plays, List<ExportLibraryItem> LibraryItems, List<ExportPlaylist> Playlists, ExportFileError? Error, bool Completed, int Batches);

internal static class ExportRead
{
    public static FileRead All(ExportFile file, ExportReadOptions? options = null)
    {
        using var reader = ExportFileReader.Open(file, options);
        var batch = new ExportBatch();
        var plays = new List<ExportPlay>();
        var items = new List<ExportLibraryItem>();
        var playlists = new List<ExportPlaylist>();
        var batches = 0;
        while (reader.ReadBatch(batch, CancellationToken.None))
        {
            batches++;
            plays.AddRange(batch.Plays);
            items.AddRange(batch.LibraryItems);
            playlists.AddRange(batch.Playlists);
        }
        return new FileRead(file, plays, items, playlists, reader.Error, reader.Completed, batches);
    }

    public static FileRead Text(string name, ExportFileKind kind, byte[] bytes, ExportReadOptions? options = null, int chunk = 0) =>
        All(new ExportFile(name, kind, bytes.Length, () => chunk > 0 ? new TrickleStream(bytes, chunk) : new MemoryStream(bytes)), options);

    public static FileRead Text(string name, ExportFileKind kind, string json, ExportReadOptions? options = null) =>
        Text(name, kind, Encoding.UTF8.GetBytes(json), options);
}

/// <summary>Returns at most a few bytes per read, as a slow pipe or a zip entry might, to cut every token somewhere.</summary>
internal sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
{
    public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(chunk, buffer.Length)]);

    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(chunk, count));
}
