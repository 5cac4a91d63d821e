using MusiVault.Engine.OAuth;

namespace MusiVault.Engine.Spotify.Auth;

/// <summary>
/// Connect-Spotify's engine side: Authorization Code with PKCE (S256) and a checked state, completed either by the
/// loopback listener or by a redirected URL the user pastes; or the import of a refresh token obtained elsewhere.
/// Either way the tokens are stored before anything else uses them, then /me names the user.
/// </summary>
public static class SpotifyLogin
{
    public const string DefaultRedirectUri = "http://127.0.0.1:8765/callback";

    /// <summary>Everything the sync reads, nothing it could change.</summary>
    public static readonly IReadOnlyList<string> ReadScopes =
    [
        "user-library-read",
        "playlist-read-private",
        "playlist-read-collaborative",
        "user-follow-read",
        "user-top-read",
        "user-read-recently-played",
        "user-read-private",
    ];

    /// <summary>Added by -AllowModify, for restoring a library (PUT/DELETE /me/library, playlist edits).</summary>
    public static readonly IReadOnlyList<string> ModifyScopes =
    [
        "user-library-modify",
        "playlist-modify-private",
        "playlist-modify-public",
    ];

    public static IReadOnlyList<string> Scopes(bool allowModify) => allowModify ? [.. ReadScopes, .. ModifyScopes] : ReadScopes;

    /// <summary>-ClientId, else MUSIVAULT_SPOTIFY_CLIENT_ID, else the stored profile's; none → an error saying how to get one.</summary>
    public static string ResolveClientId(string? explicitClientId, string? storedClientId) =>
        ResolveClientId(explicitClientId, Environment.GetEnvironmentVariable(SpotifyClientOptions.ClientIdVariable), storedClientId);

    public static string ResolveClientId(string? explicitClientId, string? environmentClientId, string? storedClientId)
    {
        foreach (var candidate in new[] { explicitClientId, environmentClientId, storedClientId })
        {
            if (!string.IsNullOrWhiteSpace(candidate))
            {
                return candidate.Trim();
            }
        }
        throw new MusiVaultException("SpotifyClientIdRequired", ErrorKind.InvalidArgument,
            "No Spotify client id. Create an app at https://developer.spotify.com/dashboard (redirect URI " +
            $"{DefaultRedirectUri}), then pass its client id with -ClientId or set {SpotifyClientOptions.ClientIdVariable}.");
    }

    public static SpotifyLoginAttempt Begin(string profile, string clientId, Uri redirectUri, bool allowModify,
        SpotifyClientOptions options, SpotifyProfileStore store)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = SpotifyProfileStore.NormalizeProfile(profile);
        var scopes = Scopes(allowModify);
        var flow = AuthorizationCodeFlow.Begin(OAuthClient(options, clientId, scopes), redirectUri);
        return new SpotifyLoginAttempt(name, clientId, flow, scopes, options, store);
    }

    internal static OAuthClient OAuthClient(SpotifyClientOptions options, string clientId, IReadOnlyList<string> scopes) =>
        new("Spotify", "Spotify", "Connect-Spotify", new Uri(options.AccountsBaseUrl.AbsoluteUri.TrimEnd('/') + "/authorize"),
            clientId, string.Join(' ', scopes))
        {
            PortBusyHint = ", or register another redirect URI with your Spotify app and pass it as -RedirectUri.",
            TimeoutHint = ", or use -NoBrowser to paste the redirected address by hand",
        };

    /// <summary>
    /// Stores a refresh token obtained elsewhere (CI, containers): redeems it once, stores the rotated one, asks /me.
    /// Its six-month life is counted from now, since we cannot know when it was issued.
    /// </summary>
    public static async Task<SpotifyConnection> ImportRefreshTokenAsync(string profile, string clientId, string refreshToken,
        SpotifyClientOptions options, SpotifyProfileStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        var name = SpotifyProfileStore.NormalizeProfile(profile);
        using var accounts = new SpotifyAccountsClient(options.AccountsBaseUrl, options.Delay);
        SpotifyTokenGrant grant;
        try
        {
            grant = await accounts.RefreshAsync(clientId, refreshToken.Trim(), cancellationToken);
        }
        catch (MusiVaultException ex) when (ex.ErrorId == "SpotifyReauthenticationRequired")
        {
            // The accounts client words this for a stored token; here the user just typed one, and "run Connect-Spotify
            // again" would send them in a circle.
            throw new MusiVaultException("SpotifyRefreshTokenRefused", ErrorKind.AuthenticationError,
                $"Spotify refused the refresh token given with -RefreshToken: it is mistyped, revoked, expired, already used, or " +
                $"was issued to another app than client id '{clientId}'. Nothing was stored. Copy a current token issued to that " +
                "client id, or run Connect-Spotify without -RefreshToken to sign in with a browser.", name, ex);
        }
        return await StoreAsync(name, clientId, grant, grant.RefreshToken ?? refreshToken.Trim(), null, options, store, cancellationToken);
    }

    internal static async Task<SpotifyConnection> StoreAsync(string profile, string clientId, SpotifyTokenGrant grant, string refreshToken,
        IReadOnlyList<string>? requestedScopes, SpotifyClientOptions options, SpotifyProfileStore store, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        // The refresh token first: it is the one thing we cannot get back without the user.
        store.WriteTokens(profile, new StoredSpotifyTokens
        {
            RefreshToken = refreshToken,
            AccessToken = grant.AccessToken,
            AccessTokenExpiresAt = grant.AccessTokenExpiresAt,
        });
        var stored = new StoredSpotifyProfile
        {
            Profile = profile,
            ClientId = clientId,
            Scopes = (grant.Scopes ?? requestedScopes ?? []).ToList(),
            ConnectedAt = now,
            AccessTokenExpiresAt = grant.AccessTokenExpiresAt,
            RefreshTokenExpiresAt = now + SpotifyProfileStore.RefreshTokenLifetime,
        };
        store.WriteProfile(stored);

        using var session = await SpotifySession.OpenAsync(profile, clientId, store, options, cancellationToken);
        return await session.VerifyAsync(cancellationToken);
    }
}

/// <summary>One login in progress: the URL to open, and two ways to finish.</summary>
public sealed class SpotifyLoginAttempt : IDisposable
{
    private readonly AuthorizationCodeFlow _flow;
    private readonly SpotifyClientOptions _options;
    private readonly SpotifyProfileStore _store;

    internal SpotifyLoginAttempt(string profile, string clientId, AuthorizationCodeFlow flow, IReadOnlyList<string> scopes,
        SpotifyClientOptions options, SpotifyProfileStore store)
    {
        Profile = profile;
        ClientId = clientId;
        _flow = flow;
        Scopes = scopes;
        _options = options;
        _store = store;
    }

    public string Profile { get; }
    public string ClientId { get; }
    public Uri RedirectUri => _flow.RedirectUri;
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The /authorize URL to open in a browser (no secret in it: the PKCE challenge is a hash).</summary>
    public Uri AuthorizeUrl => _flow.AuthorizeUrl;

    /// <summary>Listens on the loopback redirect URI, opens the browser, waits for this login's redirect, finishes the login.</summary>
    public async Task<SpotifyConnection> CompleteWithListenerAsync(TimeSpan timeout, bool openBrowser, CancellationToken cancellationToken)
    {
        var code = await _flow.WaitForCodeAsync(timeout, openBrowser, cancellationToken);
        return await CompleteAsync(code, cancellationToken);
    }

    /// <summary>Finishes with the address the browser was sent to, pasted by the user (-NoBrowser).</summary>
    public Task<SpotifyConnection> CompleteFromRedirectUrlAsync(string redirectedUrl, CancellationToken cancellationToken) =>
        CompleteAsync(_flow.ReadPastedCode(redirectedUrl), cancellationToken);

    private async Task<SpotifyConnection> CompleteAsync(string code, CancellationToken cancellationToken)
    {
        using var accounts = new SpotifyAccountsClient(_options.AccountsBaseUrl, _options.Delay);
        var grant = await accounts.ExchangeCodeAsync(ClientId, code, RedirectUri, _flow.CodeVerifier, cancellationToken);
        if (grant.RefreshToken is null)
        {
            throw new MusiVaultException("SpotifyLoginFailed", ErrorKind.AuthenticationError,
                "Spotify granted no refresh token, so MusiVault could not stay connected. Run Connect-Spotify again.");
        }
        return await SpotifyLogin.StoreAsync(Profile, ClientId, grant, grant.RefreshToken, Scopes, _options, _store, cancellationToken);
    }

    public void Dispose() => _flow.Dispose();
}
