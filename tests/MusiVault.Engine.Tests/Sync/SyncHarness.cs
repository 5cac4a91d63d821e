using Microsoft.Data.Sqlite;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Spotify.Auth;
using MusiVault.Engine.Sync;
using MusiVault.Engine.Vault;
using MusiVault.FakeSpotify;

namespace MusiVault.Engine.Tests.Sync;

/// <summary>A fake Spotify service, a stored connection to it and a vault in a temp folder.</summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    private SyncHarness(FakeSpotifyServer fake, string directory)
    {
        Fake = fake;
        Directory = directory;
        VaultPath = Path.Combine(directory, "vault.db");
        Store = new SpotifyProfileStore(Path.Combine(directory, "home"));
        Options = new SpotifyClientOptions
        {
            ApiBaseUrl = new Uri(fake.ApiBaseUrl),
            AccountsBaseUrl = new Uri(fake.AccountsBaseUrl),
            // Real waits would only slow the tests; ordering is what the client tests assert.
            Delay = (delay, ct) => Task.Delay(TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds, 20)), ct),
            BaseBackoff = TimeSpan.FromMilliseconds(5),
        };
    }

    public FakeSpotifyServer Fake { get; }
    public string Directory { get; }
    public string VaultPath { get; }
    public SpotifyProfileStore Store { get; }
    public SpotifyClientOptions Options { get; }
    public RecordingObserver Observer { get; } = new();

    public static async Task<SyncHarness> StartAsync(FakeSpotifyOptions? options = null)
    {
        var fake = await FakeSpotifyServer.StartAsync(options ?? new FakeSpotifyOptions());
        var directory = System.IO.Directory.CreateTempSubdirectory("mv-sync-").FullName;
        var harness = new SyncHarness(fake, directory);
        await SpotifyLogin.ImportRefreshTokenAsync("default", fake.ClientId, fake.IssueRefreshToken(), harness.Options, harness.Store, CancellationToken.None);
        return harness;
    }

    public async Task<SyncResult> SyncAsync(bool full = false, IReadOnlyCollection<SyncCollection>? collections = null,
        string? vaultPath = null, ISyncObserver? observer = null, CancellationToken cancellationToken = default)
    {
        using var session = await SpotifySession.OpenAsync("default", null, Store, Options, cancellationToken);
        var engine = new SyncEngine(session.Client, new SyncOptions
        {
            VaultPath = vaultPath ?? VaultPath,
            Full = full,
            Collections = collections ?? SyncOptions.DefaultCollections,
        }, observer ?? Observer);
        return await engine.RunAsync(cancellationToken);
    }

    public SqliteConnection OpenVault(string? path = null) => VaultDatabase.Open(path ?? VaultPath);

    public async ValueTask DisposeAsync()
    {
        await Fake.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platforms: the temp folder is cleaned by the OS later.
        }
    }
}

internal sealed class RecordingObserver : ISyncObserver
{
    public List<string> Warnings { get; } = [];

    public void Progress(string collection, string status, int done, int? total)
    {
    }

    public void Warning(string message)
    {
        lock (Warnings)
        {
            Warnings.Add(message);
        }
    }

    public void Verbose(string message)
    {
    }
}

/// <summary>
/// Holds a sync at its first progress report (the vault lock is taken by then) until the test releases it, so a test
/// can act while the lock is certainly held, without guessing with a sleep.
/// </summary>
internal sealed class HoldingObserver : ISyncObserver, IDisposable
{
    private static readonly TimeSpan HoldAtMost = TimeSpan.FromSeconds(60);
    private readonly TaskCompletionSource _lockTaken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _release = new();

    /// <summary>Completes once the sync holds the vault lock.</summary>
    public Task LockTaken => _lockTaken.Task;

    public void Release() => _release.Set();

    public void Progress(string collection, string status, int done, int? total)
    {
        if (_lockTaken.TrySetResult())
        {
            // Bounded: a test that forgets to release fails instead of hanging.
            _release.Wait(HoldAtMost);
        }
    }

    public void Warning(string message)
    {
    }

    public void Verbose(string message)
    {
    }

    public void Dispose() => _release.Dispose();
}

internal static class VaultRead
{
    public static List<T> Column<T>(SqliteConnection connection, string sql, params object[] args)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1), args[i]);
        }
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? default! : (T)Convert.ChangeType(reader.GetValue(0), Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture));
        }
        return values;
    }

    public static List<(string EntityType, string EntityId, string Kind, string? PlaylistId)> Changes(SqliteConnection connection, long? runId = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT entity_type, entity_id, kind, playlist_id FROM changes WHERE $1 IS NULL OR run_id = $1 ORDER BY id";
        command.Parameters.AddWithValue("$1", (object?)runId ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string, string?)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return rows;
    }
}
