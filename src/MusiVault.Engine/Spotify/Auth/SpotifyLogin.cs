using System.Diagnostics;
using System.Web;

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
        var name = SpotifyProfileStore.NormalizeProfile(profile);
        LoopbackRedirectListener.LoopbackAddress(redirectUri);
        return new SpotifyLoginAttempt(name, clientId, redirectUri, Scopes(allowModify), options, store);
    }

    /// <summary>
    /// Stores a refresh token obtained elsewhere (CI, containers): redeems it once, stores the rotated one, asks /me.
    /// Its six-month life is counted from now, since we cannot know when it was issued.
    /// </summary>
    public static async Task<SpotifyConnection> ImportRefreshTokenAsync(string profile, string clientId, string refreshToken,
        SpotifyClientOptions options, SpotifyProfileStore store, CancellationToken cancellationToken)
    {
        var name = SpotifyProfileStore.NormalizeProfile(profile);
        using var accounts = new SpotifyAccountsClient(options.AccountsBaseUrl, options.Delay);
        var grant = await accounts.RefreshAsync(clientId, refreshToken.Trim(), cancellationToken);
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

    /// <summary>Runs $BROWSER (with the URL as its argument) if set, else the OS's default browser. False if it failed.</summary>
    public static bool OpenBrowser(Uri url)
    {
        try
        {
            var browser = Environment.GetEnvironmentVariable("BROWSER");
            ProcessStartInfo start;
            if (!string.IsNullOrWhiteSpace(browser))
            {
                start = new ProcessStartInfo(browser) { UseShellExecute = false };
                start.ArgumentList.Add(url.AbsoluteUri);
            }
            else if (OperatingSystem.IsWindows())
            {
                start = new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true };
            }
            else
            {
                start = new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open") { UseShellExecute = false };
                start.ArgumentList.Add(url.AbsoluteUri);
            }
            start.RedirectStandardOutput = !start.UseShellExecute;
            start.RedirectStandardError = !start.UseShellExecute;
            using var process = Process.Start(start);
            if (process is not null && !start.UseShellExecute)
            {
                // Drain what the browser prints so it never blocks on a full pipe, and never reaches our streams.
                process.OutputDataReceived += static (_, _) => { };
                process.ErrorDataReceived += static (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
            }
            return process is not null || start.UseShellExecute;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}

/// <summary>One login in progress: the URL to open, and two ways to finish.</summary>
public sealed class SpotifyLoginAttempt
{
    private readonly string _verifier = Pkce.NewVerifier();
    private readonly string _state = Pkce.NewState();
    private readonly SpotifyClientOptions _options;
    private readonly SpotifyProfileStore _store;

    internal SpotifyLoginAttempt(string profile, string clientId, Uri redirectUri, IReadOnlyList<string> scopes,
        SpotifyClientOptions options, SpotifyProfileStore store)
    {
        Profile = profile;
        ClientId = clientId;
        RedirectUri = redirectUri;
        Scopes = scopes;
        _options = options;
        _store = store;
        using var accounts = new SpotifyAccountsClient(options.AccountsBaseUrl);
        AuthorizeUrl = accounts.AuthorizeUrl(clientId, redirectUri, scopes, _state, Pkce.Challenge(_verifier));
    }

    public string Profile { get; }
    public string ClientId { get; }
    public Uri RedirectUri { get; }
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The /authorize URL to open in a browser (no secret in it: the PKCE challenge is a hash).</summary>
    public Uri AuthorizeUrl { get; }

    /// <summary>Listens on the loopback redirect URI, opens the browser, waits for the one redirect, finishes the login.</summary>
    public async Task<SpotifyConnection> CompleteWithListenerAsync(TimeSpan timeout, bool openBrowser, CancellationToken cancellationToken)
    {
        Uri redirected;
        using (var listener = LoopbackRedirectListener.Start(RedirectUri))
        {
            if (openBrowser)
            {
                SpotifyLogin.OpenBrowser(AuthorizeUrl);
            }
            redirected = await listener.WaitAsync(timeout, url =>
            {
                try
                {
                    ReadCode(url);
                    return (true, "MusiVault received your Spotify authorization. You can close this tab and return to PowerShell.");
                }
                catch (MusiVaultException ex)
                {
                    return (false, ex.Message);
                }
            }, cancellationToken);
        }
        return await CompleteAsync(redirected, cancellationToken);
    }

    /// <summary>Finishes with the address the browser was sent to, pasted by the user (-NoBrowser).</summary>
    public Task<SpotifyConnection> CompleteFromRedirectUrlAsync(string redirectedUrl, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(redirectedUrl?.Trim(), UriKind.Absolute, out var url))
        {
            throw new MusiVaultException("SpotifyLoginInvalidRedirect", ErrorKind.InvalidArgument,
                "That is not the address the browser was sent to. Paste the whole address, starting with " +
                $"{RedirectUri.GetLeftPart(UriPartial.Path)}?code=...");
        }
        return CompleteAsync(url, cancellationToken);
    }

    private async Task<SpotifyConnection> CompleteAsync(Uri redirected, CancellationToken cancellationToken)
    {
        var code = ReadCode(redirected);
        using var accounts = new SpotifyAccountsClient(_options.AccountsBaseUrl, _options.Delay);
        var grant = await accounts.ExchangeCodeAsync(ClientId, code, RedirectUri, _verifier, cancellationToken);
        if (grant.RefreshToken is null)
        {
            throw new MusiVaultException("SpotifyLoginFailed", ErrorKind.AuthenticationError,
                "Spotify granted no refresh token, so MusiVault could not stay connected. Run Connect-Spotify again.");
        }
        return await SpotifyLogin.StoreAsync(Profile, ClientId, grant, grant.RefreshToken, Scopes, _options, _store, cancellationToken);
    }

    /// <summary>The authorization code of a redirect that belongs to this attempt; anything else is an error.</summary>
    private string ReadCode(Uri redirected)
    {
        if (!string.Equals(redirected.GetLeftPart(UriPartial.Path).TrimEnd('/'), RedirectUri.GetLeftPart(UriPartial.Path).TrimEnd('/'),
                StringComparison.OrdinalIgnoreCase))
        {
            throw new MusiVaultException("SpotifyLoginInvalidRedirect", ErrorKind.InvalidArgument,
                $"That address does not start with the redirect URI {RedirectUri.GetLeftPart(UriPartial.Path)}.");
        }
        var query = HttpUtility.ParseQueryString(redirected.Query);
        if (query["state"] != _state)
        {
            throw new MusiVaultException("SpotifyLoginStateMismatch", ErrorKind.SecurityError,
                "The login redirect does not belong to this login attempt (state mismatch). Run Connect-Spotify again.");
        }
        if (query["error"] is { Length: > 0 } error)
        {
            throw new MusiVaultException("SpotifyLoginDenied", ErrorKind.AuthenticationError,
                error == "access_denied"
                    ? "The Spotify login was cancelled (access_denied). Run Connect-Spotify again and choose Agree."
                    : $"Spotify ended the login with '{error}'. Run Connect-Spotify again.");
        }
        return query["code"] is { Length: > 0 } code
            ? code
            : throw new MusiVaultException("SpotifyLoginInvalidRedirect", ErrorKind.InvalidArgument,
                "The login redirect carries no authorization code. Run Connect-Spotify again.");
    }
}
