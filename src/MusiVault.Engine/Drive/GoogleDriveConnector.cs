using MusiVault.Engine.Configuration;

namespace MusiVault.Engine.Drive;

public sealed class GoogleConnectOptions
{
    public string Profile { get; set; } = GoogleProfile.DefaultProfile;
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>Imported as is (non-interactive); it is checked by one refresh before anything is stored.</summary>
    public string? RefreshToken { get; set; }
    public bool AppDataFolder { get; set; }
    /// <summary>Null: MUSIVAULT_HOME.</summary>
    public string? Home { get; set; }
    /// <summary>Null: from the environment.</summary>
    internal GoogleEndpoints? Endpoints { get; set; }
}

/// <summary>Connect-GoogleDrive: obtains a refresh token and stores it in the profile.</summary>
public static class GoogleDriveConnector
{
    public const string ClientIdVariable = "MUSIVAULT_GOOGLE_CLIENT_ID";
    public const string ClientSecretVariable = "MUSIVAULT_GOOGLE_CLIENT_SECRET";

    public static async Task<GoogleDriveConnection> ConnectAsync(GoogleConnectOptions options, Func<Uri, Task> openBrowser,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var home = options.Home ?? MusiVaultPaths.Home;
        var endpoints = options.Endpoints ?? GoogleEndpoints.FromEnvironment();
        var stored = TryLoad(options.Profile, home);
        var clientId = FirstNonEmpty(options.ClientId, Environment.GetEnvironmentVariable(ClientIdVariable), stored?.ClientId)
            ?? throw new MusiVaultException("GoogleClientIdMissing", ErrorKind.InvalidArgument,
                $"No OAuth client id. Pass -ClientId, set {ClientIdVariable}, or connect once with one.");
        var clientSecret = FirstNonEmpty(options.ClientSecret, Environment.GetEnvironmentVariable(ClientSecretVariable),
            stored?.ClientId == clientId ? stored.ClientSecret : null);
        var scope = options.AppDataFolder ? GoogleProfile.ScopeAppData : GoogleProfile.ScopeDriveFile;
        var oauth = new GoogleOAuth(endpoints);

        string refreshToken;
        if (!string.IsNullOrEmpty(options.RefreshToken))
        {
            var check = await oauth.RefreshAsync(clientId, clientSecret, options.RefreshToken, cancellationToken);
            refreshToken = string.IsNullOrEmpty(check.RefreshToken) ? options.RefreshToken : check.RefreshToken;
        }
        else
        {
            var result = await oauth.AuthorizeInteractiveAsync(clientId, clientSecret, scope, openBrowser, cancellationToken);
            refreshToken = result.RefreshToken ?? throw new MusiVaultException("GoogleNoRefreshToken", ErrorKind.AuthenticationError,
                "Google returned no refresh token. Remove MusiVault's access at https://myaccount.google.com/permissions and connect again.");
        }

        var profile = new GoogleProfile
        {
            Profile = options.Profile,
            ClientId = clientId,
            ClientSecret = clientSecret,
            RefreshToken = refreshToken,
            Scope = scope,
            AppDataFolder = options.AppDataFolder,
            ConnectedAt = DateTimeOffset.UtcNow,
        };
        profile.Save(home);
        return ToConnection(profile);
    }

    /// <summary>Opens the consent page in $BROWSER or the default browser; false when none could be started.</summary>
    public static bool TryOpenBrowser(Uri url) => OAuth.BrowserLauncher.TryOpen(url);

    internal static GoogleProfile LoadRequired(string profile, string home) =>
        TryLoad(profile, home) ?? throw new MusiVaultException("GoogleDriveNotConnected", ErrorKind.AuthenticationError,
            $"Profile '{profile}' is not connected to Google Drive. Run Connect-GoogleDrive first.", profile);

    private static GoogleProfile? TryLoad(string profile, string home) => GoogleProfile.Load(profile, home);

    internal static GoogleDriveConnection ToConnection(GoogleProfile profile) => new()
    {
        Profile = profile.Profile,
        ClientId = profile.ClientId,
        Scope = profile.Scope,
        AppDataFolder = profile.AppDataFolder,
        ConnectedAt = profile.ConnectedAt,
    };

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
