using System.Globalization;
using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Vault;

/// <summary>The recently_played table: plays as Spotify reported them, each (time, track) once.</summary>
internal sealed class PlayStore(VaultWriter writer, EntityStore entities)
{
    private readonly VaultWriter _writer = writer;
    private readonly EntityStore _entities = entities;

    public DateTimeOffset? LastPlayedAt() =>
        _writer.Scalar("SELECT max(played_at) FROM recently_played") is string text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;

    /// <summary>Stores a play and its track; false when the play was already stored.</summary>
    public bool Add(SpotifyPlay play)
    {
        ArgumentNullException.ThrowIfNull(play);
        _entities.UpsertPlayable(play.Track);
        return _writer.Execute("""
            INSERT OR IGNORE INTO recently_played (played_at, track_uri, context_type, context_uri) VALUES ($1, $2, $3, $4)
            """, VaultWriter.Timestamp(play.PlayedAt), play.Track.Uri, play.ContextType, play.ContextUri) > 0;
    }
}
