using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Vault;

/// <summary>The audio_features table: Spotify's features of a track, verbatim, once per track.</summary>
internal sealed class AudioFeatureStore(VaultWriter writer)
{
    private readonly VaultWriter _writer = writer;

    /// <summary>Ids of stored tracks without features, oldest first.</summary>
    public List<string> TracksWithout()
    {
        var ids = new List<string>();
        using var reader = _writer.Query("""
            SELECT t.id FROM tracks t LEFT JOIN audio_features f ON f.track_id = t.id
            WHERE t.type = 'track' AND t.id IS NOT NULL AND f.track_id IS NULL ORDER BY t.first_seen_at, t.id
            """);
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    public void Save(SpotifyAudioFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        _writer.Execute("INSERT OR REPLACE INTO audio_features (track_id, raw_json, captured_at) VALUES ($1, $2, $3)",
            features.Id, features.RawJson, _writer.Now);
    }
}
