using System.Globalization;

namespace MusiVault.Engine.Vault;

/// <summary>
/// What a sync remembers between runs (the <c>sync_state</c> table). The keys are private to this class; callers
/// ask typed questions. Writes run inside the caller's transaction.
/// </summary>
internal sealed class SyncStateStore(VaultWriter writer)
{
    private readonly VaultWriter _writer = writer;

    /// <summary>The Spotify user whose library the vault holds; null until the first profile sync.</summary>
    public string? OwningUser
    {
        get => Get("user_id");
        set => Set("user_id", value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>True once a collection's first complete pass is stored: from then on, differences are history.</summary>
    public bool HasBaseline(SyncCollection collection) => Get("baseline:" + collection) is not null;

    public void MarkBaseline(SyncCollection collection) => Set("baseline:" + collection, _writer.Now);

    /// <summary>A full read of the collection started and has not finished (its removals are not marked yet).</summary>
    public bool IsReading(SyncCollection collection) => Get("reading:" + collection) is not null;

    public void StartReading(SyncCollection collection) => Set("reading:" + collection, _writer.Now);

    public void EndReading(SyncCollection collection) => _writer.Execute("DELETE FROM sync_state WHERE key = $1", "reading:" + collection);

    public DateTimeOffset? LastFullSync(SyncCollection collection) =>
        Get("last_full_sync_at:" + collection) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    public void MarkFullSync(SyncCollection collection) => Set("last_full_sync_at:" + collection, _writer.Now);

    /// <summary>A top-items capture was stored for this list, even an empty one.</summary>
    public bool HasTopCapture(string itemType, string timeRange) => Get($"top:{itemType}:{timeRange}") is not null;

    public void MarkTopCapture(string itemType, string timeRange) => Set($"top:{itemType}:{timeRange}", _writer.Now);

    /// <summary>Spotify refused audio features to this app; later syncs skip them until a full sync asks again.</summary>
    public bool AudioFeaturesRefused => Get("audio_features") == "unavailable";

    public void SetAudioFeaturesRefused(bool refused) => Set("audio_features", refused ? "unavailable" : "available");

    private string? Get(string key) => _writer.Scalar("SELECT value FROM sync_state WHERE key = $1", key) as string;

    private void Set(string key, string value) =>
        _writer.Execute("INSERT INTO sync_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
}
