using System.Text.Json;

namespace MusiVault.Engine.Vault;

/// <summary>The <c>sync_runs</c> table: one row per Sync-SpotifyLibrary run, from start to outcome.</summary>
internal sealed class SyncRunStore(VaultWriter writer)
{
    private readonly VaultWriter _writer = writer;

    /// <summary>Starts a run (in its own transaction). Call only while holding the sync lock: a run still marked running was killed.</summary>
    public long Start(bool full) => _writer.InTransaction(() =>
    {
        _writer.Execute("UPDATE sync_runs SET status = 'interrupted' WHERE status = 'running'");
        _writer.Execute("INSERT INTO sync_runs (started_at, status, full_sync) VALUES ($1, 'running', $2)", _writer.Now, full ? 1 : 0);
        return (long)_writer.Scalar("SELECT last_insert_rowid()")!;
    });

    /// <summary>Records the outcome in its own transaction, after dropping whatever unit of work was left open.</summary>
    public void Finish(SyncResult result, string? error)
    {
        ArgumentNullException.ThrowIfNull(result);
        _writer.Rollback();
        _writer.InTransaction(() => _writer.Execute("""
            UPDATE sync_runs SET ended_at = $2, status = $3, collections = $4, requests = $5, throttled = $6, warnings = $7, error = $8
            WHERE id = $1
            """, result.RunId, VaultWriter.Timestamp(result.EndedAt), result.Status,
            JsonSerializer.Serialize(result.Collections, VaultJson.Default.SyncCollectionResultArray),
            result.Requests, result.Throttled, JsonSerializer.Serialize(result.Warnings.ToList(), VaultJson.Default.ListString), error));
    }
}
