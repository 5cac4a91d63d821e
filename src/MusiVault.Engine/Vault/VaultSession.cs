using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Vault;

/// <summary>
/// One writing session on a vault (one sync run, one seeding): the connection, its <see cref="VaultWriter"/> and the
/// stores over it. Not thread-safe: callers serialise their units of work (<see cref="InTransaction(Action)"/>).
/// </summary>
internal sealed class VaultSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly VaultWriter _writer;
    private readonly string _path;

    private VaultSession(SqliteConnection connection, DateTimeOffset now, string path)
    {
        _connection = connection;
        _path = path;
        _writer = new VaultWriter(connection, VaultWriter.Timestamp(now));
        Entities = new EntityStore(_writer);
        State = new SyncStateStore(_writer);
        Runs = new SyncRunStore(_writer);
        Saved = new SavedCollectionStore(_writer);
        Playlists = new PlaylistStore(_writer, Entities);
        Profile = new ProfileStore(_writer, Entities);
        Plays = new PlayStore(_writer, Entities);
        AudioFeatures = new AudioFeatureStore(_writer);
        ImageData = new ImageDataStore(_writer);
        PlaylistVersions = new PlaylistVersionStore(_writer);
        RestoreJournal = new RestoreJournalStore(_writer);
        ExportSnapshot = new ExportSnapshotStore(_writer);
    }

    /// <summary>Opens (creating and migrating when needed) the vault at <paramref name="path"/>; <paramref name="now"/> stamps every row written.</summary>
    public static VaultSession Open(string path, DateTimeOffset now)
    {
        var connection = VaultDatabase.Open(path);
        try
        {
            return new VaultSession(connection, now, Path.GetFullPath(path));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public string Now => _writer.Now;
    public EntityStore Entities { get; }
    public SyncStateStore State { get; }
    public SyncRunStore Runs { get; }
    public SavedCollectionStore Saved { get; }
    public PlaylistStore Playlists { get; }
    public ProfileStore Profile { get; }
    public PlayStore Plays { get; }
    public AudioFeatureStore AudioFeatures { get; }
    public ImageDataStore ImageData { get; }

    /// <summary>The history of run <paramref name="runId"/>.</summary>
    public HistoryWriter History(long runId) => new(_writer, runId);

    public PlaylistEntryStore PlaylistEntries(HistoryWriter history) => new(_writer, Entities, Playlists, history, PlaylistVersions);

    /// <summary>Point in time: what each playlist position held when (written by <see cref="PlaylistEntries"/> at each read).</summary>
    public PlaylistVersionStore PlaylistVersions { get; }

    /// <summary>Restore-SpotifyPlaylist's journal (each call commits by itself).</summary>
    public RestoreJournalStore RestoreJournal { get; }

    /// <summary>Import-SpotifyDataExport's library and playlists, as history at the export's date.</summary>
    public ExportSnapshotStore ExportSnapshot { get; }

    public TopItemStore TopItems(long runId) => new(_writer, runId);

    /// <summary>
    /// The check before a sync writes, on an existing vault before a writer opens it (read-only, so it can run beside
    /// other work and writes nothing). Throws VaultDamaged. Null when there is no vault file yet or it cannot be read
    /// as a vault here (the writer's open then reports why, as it always has); else which check ran.
    /// </summary>
    public static IntegrityCheckKind? CheckExisting(string path, bool thorough)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            return null;
        }
        try
        {
            return CheckReadOnly(fullPath, thorough);
        }
        catch (MusiVaultException ex) when (ex.ErrorId != "VaultDamaged")
        {
            return null;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    /// <summary>
    /// Refuses (VaultDamaged) to write into a vault that fails integrity_check. The check reads on a connection of its
    /// own with SQLite's default page cache: on the writer's 32 MB cache the same check took twice as long (every page
    /// a new allocation instead of a reused slot).
    /// </summary>
    public void CheckIntegrity(bool thorough)
    {
        _ = CheckReadOnly(_path, thorough);
    }

    private static IntegrityCheckKind CheckReadOnly(string path, bool thorough)
    {
        using var reader = VaultDatabase.Open(path, readOnly: true);
        return VaultMaintenance.CheckBeforeWrite(reader, path, thorough);
    }

    /// <summary>Runs <paramref name="work"/> in one transaction: the unit of crash safety.</summary>
    public void InTransaction(Action work) => _writer.InTransaction(work);

    public T InTransaction<T>(Func<T> work) => _writer.InTransaction(work);

    /// <summary>Runs <paramref name="work"/> inside the open transaction, undone alone when it throws.</summary>
    public void InSavepoint(Action work) => _writer.InSavepoint(work);

    public void Dispose()
    {
        _writer.Dispose();
        _connection.Dispose();
    }
}
