namespace MusiVault.Engine.Import;

/// <summary>The records of one batch; the reader clears and refills the same lists, so their capacity is reused.</summary>
internal sealed class ExportBatch
{
    public List<ExportPlay> Plays { get; } = [];

    public List<ExportLibraryItem> LibraryItems { get; } = [];

    public List<ExportPlaylist> Playlists { get; } = [];

    public int Count => Plays.Count + LibraryItems.Count + Playlists.Count;

    public void Clear()
    {
        Plays.Clear();
        LibraryItems.Clear();
        Playlists.Clear();
    }
}

/// <summary>
/// Reads one export file as a sequence of bounded batches, so a file of any size takes the memory of one batch.
/// A file is good only once <see cref="ReadBatch"/> has returned false with <see cref="Error"/> null: the store writes
/// each batch inside the file's transaction and commits only then, rolling back when <see cref="Error"/> is set.
/// <code>
/// using var reader = ExportFileReader.Open(file, options);
/// var batch = new ExportBatch();
/// while (reader.ReadBatch(batch, ct)) { store.Write(batch); }
/// if (reader.Error is null) commit(); else rollback(reader.Error);
/// </code>
/// </summary>
internal sealed class ExportFileReader : IDisposable
{
    private readonly JsonRecordScanner scanner;
    private readonly JsonRecordHandler handler;
    private readonly ExportBatch target;
    private readonly int batchSize;

    private ExportFileReader(ExportFile file, JsonRecordScanner scanner, ExportReadOptions options)
    {
        File = file;
        this.scanner = scanner;
        batchSize = Math.Max(1, options.BatchSize);
        target = new ExportBatch();
        handler = file.Kind switch
        {
            ExportFileKind.Library => new ExportLibraryParser(target.LibraryItems, target.Playlists).ReadLibraryItem,
            ExportFileKind.Playlists => new ExportLibraryParser(target.LibraryItems, target.Playlists).ReadPlaylist,
            _ => new ExportPlayParser(file.Kind, options, target.Plays).Read,
        };
    }

    public ExportFile File { get; }

    /// <summary>Set when the file turned out malformed or truncated; everything read from it must then be discarded.</summary>
    public ExportFileError? Error { get; private set; }

    /// <summary>True once the whole file was read without error.</summary>
    public bool Completed => scanner.Completed && Error is null;

    /// <summary>Records handed out so far (plays, library items, playlists).</summary>
    public long RecordsRead { get; private set; }

    public static ExportFileReader Open(ExportFile file, ExportReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        options ??= ExportReadOptions.Default;
        var raw = file.OpenRaw();
        Stream? text = null;
        try
        {
            text = ExportText.OpenUtf8(raw);
            var scanner = new JsonRecordScanner(text, file.Name, options.MaxRecordBytes);
            text = null;
            return new ExportFileReader(file, scanner, options);
        }
        catch
        {
            (text ?? raw).Dispose();
            throw;
        }
    }

    /// <summary>
    /// Fills <paramref name="batch"/> (cleared first) with the next records. False when the file is finished: read
    /// whole (<see cref="Completed"/>) or failed (<see cref="Error"/>); <paramref name="batch"/> is then empty.
    /// </summary>
    public bool ReadBatch(ExportBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Clear();
        target.Clear();
        if (Error is not null)
        {
            return false;
        }
        scanner.Read(handler, batchSize, cancellationToken);
        Error = scanner.Error ?? (scanner.Completed || target.Count > 0 ? null : WrongShape());
        if (Error is not null)
        {
            target.Clear();
            return false;
        }
        if (target.Count == 0)
        {
            return false;
        }
        batch.Plays.AddRange(target.Plays);
        batch.LibraryItems.AddRange(target.LibraryItems);
        batch.Playlists.AddRange(target.Playlists);
        RecordsRead += batch.Count;
        return true;
    }

    public void Dispose() => scanner.Dispose();

    private ExportFileError WrongShape() => new(File.Name, 1, 1, 0, "The reader stopped without an error or the end of the file.");
}
