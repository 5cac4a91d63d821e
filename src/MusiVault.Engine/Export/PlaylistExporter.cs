namespace MusiVault.Engine.Export;

/// <summary>
/// Writes one playlist in one format to a stream, reading the entries once, in order, as they come. The format
/// writer fills a small in-memory buffer; it is copied to the output whenever it passes <see cref="DrainBytes"/>,
/// so neither the entries nor the file are ever held whole.
/// </summary>
internal static class PlaylistExporter
{
    internal const int DrainBytes = 64 * 1024;

    public static long Write(
        ExportFormat format, ExportPlaylist playlist, IEnumerable<ExportEntry> entries, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(output);
        using var sink = new MemoryStream();
        using var writer = ExportFormatWriter.Create(format, sink);
        writer.WriteStart(playlist);
        long count = 0;
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.WriteEntry(entry);
            count++;
            writer.Flush();
            if (sink.Length >= DrainBytes)
            {
                Drain(sink, output);
            }
        }
        writer.WriteEnd();
        writer.Flush();
        Drain(sink, output);
        output.Flush();
        return count;
    }

    public static async Task<long> WriteAsync(
        ExportFormat format, ExportPlaylist playlist, IAsyncEnumerable<ExportEntry> entries, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(output);
        using var sink = new MemoryStream();
        using var writer = ExportFormatWriter.Create(format, sink);
        writer.WriteStart(playlist);
        long count = 0;
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            writer.WriteEntry(entry);
            count++;
            writer.Flush();
            if (sink.Length >= DrainBytes)
            {
                await DrainAsync(sink, output, cancellationToken);
            }
        }
        writer.WriteEnd();
        writer.Flush();
        await DrainAsync(sink, output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return count;
    }

    private static void Drain(MemoryStream sink, Stream output)
    {
        if (sink.Length > 0)
        {
            output.Write(sink.GetBuffer(), 0, (int)sink.Length);
            sink.SetLength(0);
        }
    }

    private static async Task DrainAsync(MemoryStream sink, Stream output, CancellationToken cancellationToken)
    {
        if (sink.Length > 0)
        {
            await output.WriteAsync(sink.GetBuffer().AsMemory(0, (int)sink.Length), cancellationToken);
            sink.SetLength(0);
        }
    }
}
