namespace MusiVault.Engine.Vault;

/// <summary>The top_items table: one capture per (type, time range) whenever the ranking differs from the last one.</summary>
internal sealed class TopItemStore(VaultWriter writer, long runId)
{
    private readonly VaultWriter _writer = writer;
    private readonly long _runId = runId;

    /// <summary>The keys of the latest capture, best first.</summary>
    public List<string> LastCapture(string itemType, string timeRange)
    {
        var last = new List<string>();
        using var reader = _writer.Query("""
            SELECT item_key FROM top_items WHERE item_type = $1 AND time_range = $2
              AND captured_at = (SELECT max(captured_at) FROM top_items WHERE item_type = $1 AND time_range = $2)
            ORDER BY rank
            """, itemType, timeRange);
        while (reader.Read())
        {
            last.Add(reader.GetString(0));
        }
        return last;
    }

    public void AddCapture(string itemType, string timeRange, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        for (var rank = 0; rank < keys.Count; rank++)
        {
            _writer.Execute("INSERT OR IGNORE INTO top_items (item_type, time_range, captured_at, rank, item_key, run_id) VALUES ($1, $2, $3, $4, $5, $6)",
                itemType, timeRange, _writer.Now, rank + 1, keys[rank], _runId);
        }
    }
}
