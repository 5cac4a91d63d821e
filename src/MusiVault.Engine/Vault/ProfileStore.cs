using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Vault;

/// <summary>What storing the profile found: a new profile, a renamed one, or the same.</summary>
internal readonly record struct ProfileWrite(bool Existed, string? OldName);

/// <summary>The profile table: the user whose library the vault holds. Runs inside the caller's transaction.</summary>
internal sealed class ProfileStore(VaultWriter writer, EntityStore entities)
{
    private readonly VaultWriter _writer = writer;
    private readonly EntityStore _entities = entities;

    public ProfileWrite Upsert(SpotifyUser me)
    {
        ArgumentNullException.ThrowIfNull(me);
        var existed = false;
        string? oldName = null;
        using (var reader = _writer.Query("SELECT display_name FROM profile WHERE user_id = $1", me.Id))
        {
            if (reader.Read())
            {
                existed = true;
                oldName = reader.IsDBNull(0) ? null : reader.GetString(0);
            }
        }
        _writer.Execute("""
            INSERT INTO profile (user_id, display_name, uri, followers, raw_json, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, uri = excluded.uri, followers = excluded.followers,
                raw_json = excluded.raw_json, updated_at = excluded.updated_at
            """, me.Id, me.DisplayName, me.Uri, me.Followers, me.RawJson, _writer.Now);
        _entities.WriteImages(ImageOwner.Profile, me.Id, me.Images);
        return new ProfileWrite(existed, oldName);
    }
}
