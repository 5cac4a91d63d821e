namespace MusiVault.Engine.Export;

/// <summary>
/// One format's writer. It only ever writes into an in-memory sink that <see cref="PlaylistExporter"/> drains to
/// the real stream after every few entries, so a writer never does I/O of its own (sync or async) and the memory it
/// holds is bounded by the drain threshold plus one entry, however long the playlist.
/// </summary>
internal abstract class ExportFormatWriter : IDisposable
{
    private bool disposed;

    protected ExportFormatWriter(Stream sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Sink = sink;
    }

    protected Stream Sink { get; }

    public static string FileExtension(ExportFormat format) => format switch
    {
        ExportFormat.ExportifyCsv => ".csv",
        ExportFormat.M3u => ".m3u8",
        ExportFormat.Xspf => ".xspf",
        ExportFormat.Json => ".json",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static ExportFormatWriter Create(ExportFormat format, Stream sink) => format switch
    {
        ExportFormat.ExportifyCsv => new ExportifyCsvWriter(sink),
        ExportFormat.M3u => new M3uWriter(sink),
        ExportFormat.Xspf => new XspfWriter(sink),
        ExportFormat.Json => new JsonPlaylistWriter(sink),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public abstract void WriteStart(ExportPlaylist playlist);

    public abstract void WriteEntry(ExportEntry entry);

    public abstract void WriteEnd();

    /// <summary>Moves whatever the format's own writer still buffers into the sink.</summary>
    public abstract void Flush();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        disposed = true;
    }

    protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
