using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using MusiVault.Engine.Configuration;
using MusiVault.Engine.Security;

namespace MusiVault.Engine.Spotify.Auth;

/// <summary>What we keep about a connection that is not secret: shown by Get-SpotifyConnection.</summary>
internal sealed class StoredSpotifyProfile
{
    [JsonPropertyName("profile")] public string Profile { get; set; } = SpotifyProfileStore.DefaultProfile;
    [JsonPropertyName("clientId")] public string ClientId { get; set; } = "";
    [JsonPropertyName("userId")] public string? UserId { get; set; }
    [JsonPropertyName("displayName")] public string? DisplayName { get; set; }
    [JsonPropertyName("scopes")] public List<string> Scopes { get; set; } = [];
    /// <summary>When the user last logged in (or imported a refresh token): the start of the refresh token's life.</summary>
    [JsonPropertyName("connectedAt")] public DateTimeOffset ConnectedAt { get; set; }
    [JsonPropertyName("accessTokenExpiresAt")] public DateTimeOffset? AccessTokenExpiresAt { get; set; }
    [JsonPropertyName("refreshTokenExpiresAt")] public DateTimeOffset RefreshTokenExpiresAt { get; set; }
}

/// <summary>The secret half. Kept only in the secret file; ToString shows nothing.</summary>
internal sealed class StoredSpotifyTokens
{
    [JsonPropertyName("refresh_token")] public string RefreshToken { get; set; } = "";
    [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
    [JsonPropertyName("access_token_expires_at")] public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    public override string ToString() => "StoredSpotifyTokens";
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(StoredSpotifyProfile))]
[JsonSerializable(typeof(StoredSpotifyTokens))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext
{
}

/// <summary>
/// Spotify connections under MUSIVAULT_HOME: &lt;home&gt;/profiles/&lt;profile&gt;/spotify.json (metadata: client id,
/// user, scopes, expiries) and spotify-token.secret (refresh and access token, through <see cref="SecretFile"/>:
/// atomic, 0600, DPAPI on Windows).
/// </summary>
public sealed partial class SpotifyProfileStore
{
    public const string DefaultProfile = "default";

    /// <summary>Spotify's rule: a refresh token from a login lasts six months.</summary>
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(182);

    /// <summary>Below this much left, users are warned to run Connect-Spotify again.</summary>
    public static readonly TimeSpan RefreshTokenWarning = TimeSpan.FromDays(14);

    private const string MetadataFile = "spotify.json";
    private const string SecretFileName = "spotify-token.secret";

    public SpotifyProfileStore(string home)
    {
        Home = home;
    }

    public static SpotifyProfileStore Default => new(MusiVaultPaths.Home);

    public string Home { get; }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ProfileNamePattern();

    /// <summary>The profile name, "default" when empty; letters, digits, '.', '_' and '-' only (it is a folder name).</summary>
    public static string NormalizeProfile(string? profile)
    {
        if (string.IsNullOrWhiteSpace(profile))
        {
            return DefaultProfile;
        }
        if (!ProfileNamePattern().IsMatch(profile))
        {
            throw new MusiVaultException("SpotifyInvalidProfileName", ErrorKind.InvalidArgument,
                $"'{profile}' is not a valid profile name: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.",
                profile);
        }
        return profile;
    }

    public string ProfileDirectory(string profile) => Path.Combine(Home, "profiles", NormalizeProfile(profile));

    public string MetadataPath(string profile) => Path.Combine(ProfileDirectory(profile), MetadataFile);

    public string SecretPath(string profile) => Path.Combine(ProfileDirectory(profile), SecretFileName);

    public IReadOnlyList<string> ListProfiles()
    {
        var root = Path.Combine(Home, "profiles");
        return Directory.Exists(root)
            ? Directory.EnumerateDirectories(root)
                .Where(d => File.Exists(Path.Combine(d, MetadataFile)))
                .Select(Path.GetFileName)
                .Select(n => n!)
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];
    }

    /// <summary>The profile's connection as the cmdlets show it; null when the profile is not connected.</summary>
    public SpotifyConnection? ReadConnection(string profile) =>
        ReadProfile(profile) is { } stored ? ToConnection(stored, DateTimeOffset.UtcNow) : null;

    internal StoredSpotifyProfile? ReadProfile(string profile)
    {
        var path = MetadataPath(profile);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), ProfileJsonContext.Default.StoredSpotifyProfile);
        }
        catch (JsonException ex)
        {
            throw new MusiVaultException("SpotifyProfileCorrupt", ErrorKind.InvalidData,
                $"The Spotify connection file '{path}' is not readable. Run Connect-Spotify again to replace it.", path, ex);
        }
    }

    internal void WriteProfile(StoredSpotifyProfile stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var path = MetadataPath(stored.Profile);
        var json = JsonSerializer.Serialize(stored, ProfileJsonContext.Default.StoredSpotifyProfile);
        WriteAtomically(path, json);
    }

    internal StoredSpotifyTokens? ReadTokens(string profile)
    {
        var text = SecretFile.Read(SecretPath(profile));
        if (text is null)
        {
            return null;
        }
        try
        {
            var tokens = JsonSerializer.Deserialize(text, ProfileJsonContext.Default.StoredSpotifyTokens);
            return string.IsNullOrEmpty(tokens?.RefreshToken) ? null : tokens;
        }
        catch (JsonException ex)
        {
            // The exception text of a JSON error can quote the input: do not chain it.
            _ = ex;
            throw new MusiVaultException("SpotifyProfileCorrupt", ErrorKind.InvalidData,
                $"The stored Spotify token for profile '{profile}' is not readable. Run Connect-Spotify again.", profile);
        }
    }

    /// <summary>Atomic replace (temp file + rename), 0600: a crash leaves the old or the new token, never neither.</summary>
    internal void WriteTokens(string profile, StoredSpotifyTokens tokens) =>
        SecretFile.Write(SecretPath(profile), JsonSerializer.Serialize(tokens, ProfileJsonContext.Default.StoredSpotifyTokens));

    /// <summary>Forgets a connection. Returns false when there was none.</summary>
    public bool Delete(string profile)
    {
        var directory = ProfileDirectory(profile);
        var existed = File.Exists(MetadataPath(profile)) || File.Exists(SecretPath(profile));
        SecretFile.Delete(SecretPath(profile));
        if (File.Exists(MetadataPath(profile)))
        {
            File.Delete(MetadataPath(profile));
        }
        if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
        return existed;
    }

    private static void WriteAtomically(string path, string content)
    {
        SecretFile.CreatePrivateDirectory(Path.GetDirectoryName(Path.GetDirectoryName(path)!)!);
        SecretFile.WritePrivateText(path, content);
    }

    /// <summary>The connection as the cmdlets show it.</summary>
    internal static SpotifyConnection ToConnection(StoredSpotifyProfile stored, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var left = stored.RefreshTokenExpiresAt - now;
        return new SpotifyConnection
        {
            Profile = stored.Profile,
            UserId = stored.UserId,
            DisplayName = stored.DisplayName,
            ClientId = stored.ClientId,
            Scopes = stored.Scopes.ToArray(),
            ConnectedAt = stored.ConnectedAt,
            AccessTokenExpiresAt = stored.AccessTokenExpiresAt,
            RefreshTokenExpiresAt = stored.RefreshTokenExpiresAt,
            RefreshTokenExpiresSoon = left < RefreshTokenWarning,
        };
    }
}
