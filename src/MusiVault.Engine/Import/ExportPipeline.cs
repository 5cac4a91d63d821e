using System.Runtime.ExceptionServices;

namespace MusiVault.Engine.Import;

/// <summary>
/// Reads the export's files on threads of their own (one per core, two at most) while the caller stores what was
/// read, in the source's file order: parsing JSON and writing SQLite each take a good part of an import, and a re-import
/// is all parsing, so they overlap. Memory stays that of <see cref="BatchesPerReader"/> batches per reader whatever the
/// export's size: a reader waits for one of its own batches to come back before it reads on (its own, so a reader
/// ahead never starves the one the caller waits for). The caller takes each file's batches with <see cref="Next"/> on
/// its own thread (the cmdlet's progress and the vault connection stay there) and hands each batch back with
/// <see cref="Return"/> before it takes the next.
/// </summary>
internal sealed class ExportPipeline : IDisposable
{
    private const int BatchesPerReader = 4;

    /// <summary>
    /// Readers per import. One: files of one zip share a ZipArchive, which is not thread-safe (two readers corrupted each
    /// other's entries). A second reader for folder input measured slower on 2 cores (docs/benchmarks.md, Notes).
    /// </summary>
    private const int ReaderCount = 1;

    private readonly IReadOnlyList<ExportFile> _files;
    private readonly ExportReadOptions _options;
    private readonly Handoff<Chunk>[] _ready;
    private readonly Handoff<ExportBatch>[] _free;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationToken _stopToken;
    private readonly Thread[] _readers;
    private int _nextToRead = -1;
    private int _current;
    private Handoff<ExportBatch>? _owner;

    public ExportPipeline(IReadOnlyList<ExportFile> files, ExportReadOptions options, CancellationToken cancellationToken)
    {
        _files = files;
        _options = options;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stopToken = _stop.Token;
        _ready = new Handoff<Chunk>[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            _ready[i] = new Handoff<Chunk>(_stopToken);
        }
        var readers = ReaderCount;
        _free = new Handoff<ExportBatch>[readers];
        _readers = new Thread[readers];
        for (var r = 0; r < readers; r++)
        {
            var free = _free[r] = new Handoff<ExportBatch>(_stopToken);
            for (var i = 0; i < BatchesPerReader; i++)
            {
                free.Add(new ExportBatch());
            }
            _readers[r] = new Thread(() => ReadFiles(free)) { IsBackground = true, Name = "MusiVault export reader" };
            _readers[r].Start();
        }
    }

    /// <summary>
    /// The next batch of the current file, or null when that file is done (the next call starts the next file): then
    /// <paramref name="error"/> says whether it was read whole (null) or is malformed. Rethrows what failed a reader
    /// (an unreadable zip entry, cancellation).
    /// </summary>
    public ExportBatch? Next(out ExportFileError? error)
    {
        var chunk = _ready[_current].Take();
        if (chunk.Failure is not null)
        {
            ExceptionDispatchInfo.Capture(chunk.Failure).Throw();
        }
        error = chunk.Error;
        if (chunk.Batch is null)
        {
            _current++;
        }
        _owner = chunk.Owner;
        return chunk.Batch;
    }

    /// <summary>Gives the batch <see cref="Next"/> returned last back to its reader.</summary>
    public void Return(ExportBatch batch) => _owner?.Add(batch);

    private void ReadFiles(Handoff<ExportBatch> free)
    {
        var token = _stop.Token;
        int index;
        while (!token.IsCancellationRequested && (index = Interlocked.Increment(ref _nextToRead)) < _files.Count)
        {
            var ready = _ready[index];
            try
            {
                using var reader = ExportFileReader.Open(_files[index], _options);
                while (true)
                {
                    var batch = free.Take();
                    if (!reader.ReadBatch(batch, token))
                    {
                        free.Add(batch);
                        break;
                    }
                    ready.Add(new Chunk(batch, free, null, null));
                }
                ready.Add(new Chunk(null, null, reader.Error, null));
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The caller stopped (or was cancelled): it reads nothing more.
                return;
            }
#pragma warning disable CA1031 // Anything a reader hits is the caller's to report, on the caller's thread.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ready.Add(new Chunk(null, null, null, ex));
                return;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var reader in _readers)
        {
            reader.Join();
        }
        foreach (var collection in _ready)
        {
            collection.Dispose();
        }
        foreach (var collection in _free)
        {
            collection.Dispose();
        }
        _stop.Dispose();
    }

    private sealed record Chunk(ExportBatch? Batch, Handoff<ExportBatch>? Owner, ExportFileError? Error, Exception? Failure);
}

/// <summary>
/// A queue one thread fills and another takes from, blocking (no spinning: on two busy cores a spinning waiter takes
/// the core the thread it waits for needs) until an item comes or the token is cancelled.
/// </summary>
internal sealed class Handoff<T> : IDisposable
{
    private readonly Queue<T> _items = new();
    private readonly CancellationToken _token;
    private readonly CancellationTokenRegistration _registration;

    public Handoff(CancellationToken token)
    {
        _token = token;
        _registration = token.Register(() =>
        {
            lock (_items)
            {
                Monitor.PulseAll(_items);
            }
        });
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Enqueue(item);
            Monitor.Pulse(_items);
        }
    }

    /// <summary>The oldest item; throws <see cref="OperationCanceledException"/> once the token is cancelled.</summary>
    public T Take()
    {
        lock (_items)
        {
            while (_items.Count == 0)
            {
                _token.ThrowIfCancellationRequested();
                Monitor.Wait(_items);
            }
            return _items.Dequeue();
        }
    }

    public void Dispose() => _registration.Dispose();
}
