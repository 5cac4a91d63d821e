using System.Text.Json;
using System.Text.Json.Serialization;
using MusiVault.Engine.Configuration;
using MusiVault.Engine.Security;

namespace MusiVault.Engine.Drive;

/// <summary>
/// What Connect-GoogleDrive stores per profile: &lt;home&gt;/profiles/&lt;profile&gt;/google.json holds the
/// non-secret metadata; google.token (a <see cref="SecretFile"/>: atomic, 0600 / DPAPI) holds the refresh token and
/// the client secret. An installed-app client secret is not truly secret, but it is still never printed.
/// </summary>
internal sealed class GoogleProfile
{
    public const string DefaultProfile = "default";
    public const string ScopeDriveFile = "https://www.googleapis.com/auth/drive.file";
    public const string ScopeAppData = "https://www.googleapis.com/auth/drive.appdata";

    public string Profile { get; set; } = DefaultProfile;
    public string ClientId { get; set; } = "";
    public string Scope { get; set; } = ScopeDriveFile;
    public bool AppDataFolder { get; set; }
    public DateTimeOffset ConnectedAt { get; set; }

    [JsonIgnore] public string? ClientSecret { get; set; }
    [JsonIgnore] public string RefreshToken { get; set; } = "";

    public static string Directory(string home, string profile)
    {
        if (string.IsNullOrWhiteSpace(profile) || profile.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || profile is "." or "..")
        {
            throw new MusiVaultException("InvalidProfileName", ErrorKind.InvalidArgument, $"'{profile}' is not a valid profile name.", profile);
        }
        return Path.Combine(home, "profiles", profile);
    }

    public static GoogleProfile? Load(string profile, string? home = null)
    {
        var dir = Directory(home ?? MusiVaultPaths.Home, profile);
        var metaPath = Path.Combine(dir, "google.json");
        if (!File.Exists(metaPath))
        {
            return null;
        }
        var meta = JsonSerializer.Deserialize<GoogleProfile>(File.ReadAllText(metaPath), JsonOptions)
            ?? throw new MusiVaultException("GoogleProfileCorrupt", ErrorKind.InvalidData, $"'{metaPath}' is not a Google profile.", metaPath);
        meta.Profile = profile;
        var secretJson = SecretFile.Read(Path.Combine(dir, "google.token"));
        if (secretJson is null)
        {
            return null;
        }
        var secret = JsonSerializer.Deserialize<StoredSecret>(secretJson, JsonOptions);
        meta.RefreshToken = secret?.RefreshToken ?? "";
        meta.ClientSecret = secret?.ClientSecret;
        return string.IsNullOrEmpty(meta.RefreshToken) ? null : meta;
    }

    public void Save(string? home = null)
    {
        var dir = Directory(home ?? MusiVaultPaths.Home, Profile);
        SecretFile.CreatePrivateDirectory(Path.Combine(home ?? MusiVaultPaths.Home, "profiles"));
        SecretFile.CreatePrivateDirectory(dir);
        // Secret first: metadata without a token reads as "not connected", never the other way round.
        SecretFile.Write(Path.Combine(dir, "google.token"),
            JsonSerializer.Serialize(new StoredSecret { RefreshToken = RefreshToken, ClientSecret = ClientSecret }, JsonOptions));
        SecretFile.WritePrivateText(Path.Combine(dir, "google.json"), JsonSerializer.Serialize(this, JsonOptions));
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    private sealed class StoredSecret
    {
        public string? RefreshToken { get; set; }
        public string? ClientSecret { get; set; }
    }
}
