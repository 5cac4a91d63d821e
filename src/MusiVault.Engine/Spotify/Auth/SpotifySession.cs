namespace MusiVault.Engine.Spotify.Auth;

/// <summary>
/// A stored connection in use: owns a <see cref="SpotifyClient"/> whose tokens it refreshes by itself. A rotated
/// refresh token is written to the store (atomically) before the new access token is handed to any request, so a
/// crash never leaves the store holding a refresh token Spotify already retired.
/// </summary>
public sealed class SpotifySession : ISpotifyAccessTokenSource, IDisposable
{
    /// <summary>An access token this close to expiry is refreshed before use rather than sent.</summary>
    private static readonly TimeSpan ExpirySlack = TimeSpan.FromSeconds(60);

    private readonly SpotifyProfileStore _store;
    private readonly SpotifyAccountsClient _accounts;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly StoredSpotifyProfile _profile;
    private readonly string _clientId;
    private StoredSpotifyTokens _tokens;

    private SpotifySession(SpotifyProfileStore store, StoredSpotifyProfile profile, StoredSpotifyTokens tokens, string clientId,
        SpotifyClientOptions options, HttpMessageHandler? handler)
    {
        _store = store;
        _profile = profile;
        _tokens = tokens;
        _clientId = clientId;
        _accounts = new SpotifyAccountsClient(options.AccountsBaseUrl, options.Delay);
        Client = new SpotifyClient(this, options, handler);
    }

    /// <summary>
    /// Opens the stored connection of <paramref name="profile"/> (default "default"). The client id is
    /// <paramref name="clientIdOverride"/>, else MUSIVAULT_SPOTIFY_CLIENT_ID, else the stored one. Nothing is sent until
    /// the first request; an expired access token is refreshed then.
    /// </summary>
    public static Task<SpotifySession> OpenAsync(string? profile, string? clientIdOverride, CancellationToken cancellationToken) =>
        OpenAsync(profile, clientIdOverride, SpotifyProfileStore.Default, SpotifyClientOptions.FromEnvironment(), cancellationToken);

    public static Task<SpotifySession> OpenAsync(string? profile, string? clientIdOverride, SpotifyProfileStore store,
        SpotifyClientOptions options, CancellationToken cancellationToken, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var name = SpotifyProfileStore.NormalizeProfile(profile);
        var stored = store.ReadProfile(name);
        var tokens = stored is null ? null : store.ReadTokens(name);
        if (stored is null || tokens is null)
        {
            throw NotConnected(name);
        }
        var clientId = SpotifyLogin.ResolveClientId(clientIdOverride, stored.ClientId);
        return Task.FromResult(new SpotifySession(store, stored, tokens, clientId, options, handler));
    }

    internal static MusiVaultException NotConnected(string profile) =>
        new("SpotifyNotConnected", ErrorKind.ObjectNotFound,
            $"There is no Spotify connection for profile '{profile}'. Run Connect-Spotify{(profile == SpotifyProfileStore.DefaultProfile ? "" : $" -Profile {profile}")} first.",
            profile);

    internal SpotifyClient Client { get; }

    /// <summary>The requests this session's client has made so far (for -Verbose).</summary>
    public SpotifyClientStats GetRequestStats() => Client.GetStats();

    public string Profile => _profile.Profile;

    public string ClientId => _clientId;

    /// <summary>The connection as stored now (expiries move as tokens are refreshed).</summary>
    public SpotifyConnection Connection => SpotifyProfileStore.ToConnection(_profile, DateTimeOffset.UtcNow);

    public DateTimeOffset RefreshTokenExpiresAt => _profile.RefreshTokenExpiresAt;

    /// <summary>True when the refresh token has under 14 days left: tell the user to run Connect-Spotify.</summary>
    public bool RefreshTokenExpiresSoon => _profile.RefreshTokenExpiresAt - DateTimeOffset.UtcNow < SpotifyProfileStore.RefreshTokenWarning;

    /// <summary>Refreshes now whatever the access token's expiry (Get-SpotifyConnection -Verify after a 401, tests).</summary>
    public Task ForceRefreshAsync(CancellationToken cancellationToken) => RefreshCoreAsync(rejected: _tokens.AccessToken, cancellationToken);

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var tokens = Volatile.Read(ref _tokens);
        if (IsUsable(tokens))
        {
            return tokens.AccessToken!;
        }
        return await RefreshCoreAsync(rejected: null, cancellationToken);
    }

    public Task<string> RefreshAfterRejectionAsync(string rejectedToken, CancellationToken cancellationToken) =>
        RefreshCoreAsync(rejectedToken, cancellationToken);

    private static bool IsUsable(StoredSpotifyTokens tokens) =>
        !string.IsNullOrEmpty(tokens.AccessToken) && tokens.AccessTokenExpiresAt is { } expires &&
        expires - DateTimeOffset.UtcNow > ExpirySlack;

    private async Task<string> RefreshCoreAsync(string? rejected, CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            // Another caller refreshed while we waited: use its token instead of rotating again.
            var current = _tokens;
            if (IsUsable(current) && current.AccessToken != rejected)
            {
                return current.AccessToken!;
            }
            // Another process (a second pwsh) may have rotated the refresh token since we read it.
            var onDisk = _store.ReadTokens(_profile.Profile);
            if (onDisk is not null && onDisk.RefreshToken != current.RefreshToken)
            {
                current = onDisk;
                if (IsUsable(current) && current.AccessToken != rejected)
                {
                    Volatile.Write(ref _tokens, current);
                    return current.AccessToken!;
                }
            }

            SpotifyTokenGrant grant;
            try
            {
                grant = await _accounts.RefreshAsync(_clientId, current.RefreshToken, cancellationToken);
            }
            catch (MusiVaultException ex) when (ex.ErrorId == "SpotifyReauthenticationRequired")
            {
                // Another process may have redeemed the same refresh token a moment before us and stored the rotated
                // one: that is not a revoked login. Adopt what it stored.
                var latest = _store.ReadTokens(_profile.Profile);
                if (latest is not null && latest.RefreshToken != current.RefreshToken)
                {
                    Volatile.Write(ref _tokens, latest);
                    if (IsUsable(latest) && latest.AccessToken != rejected)
                    {
                        return latest.AccessToken!;
                    }
                    grant = await RefreshOrExplainAsync(latest.RefreshToken, cancellationToken);
                    current = latest;
                }
                else
                {
                    throw Explain(ex);
                }
            }
            var next = new StoredSpotifyTokens
            {
                RefreshToken = grant.RefreshToken ?? current.RefreshToken,
                AccessToken = grant.AccessToken,
                AccessTokenExpiresAt = grant.AccessTokenExpiresAt,
            };
            // Persist first: Spotify has retired the old refresh token the moment it answered.
            _store.WriteTokens(_profile.Profile, next);
            _profile.AccessTokenExpiresAt = grant.AccessTokenExpiresAt;
            if (grant.Scopes is { Count: > 0 } scopes)
            {
                _profile.Scopes = scopes.ToList();
            }
            _store.WriteProfile(_profile);
            Volatile.Write(ref _tokens, next);
            return next.AccessToken!;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private async Task<SpotifyTokenGrant> RefreshOrExplainAsync(string refreshToken, CancellationToken cancellationToken)
    {
        try
        {
            return await _accounts.RefreshAsync(_clientId, refreshToken, cancellationToken);
        }
        catch (MusiVaultException ex) when (ex.ErrorId == "SpotifyReauthenticationRequired")
        {
            throw Explain(ex);
        }
    }

    private MusiVaultException Explain(MusiVaultException ex)
    {
        var profileHint = _profile.Profile == SpotifyProfileStore.DefaultProfile ? "" : $" Use -Profile {_profile.Profile}.";
        return new MusiVaultException(ex.ErrorId, ex.Category, $"Spotify connection '{_profile.Profile}': {ex.Message}{profileHint}",
            _profile.Profile);
    }

    /// <summary>Calls /me and stores the user's id and name (Get-SpotifyConnection -Verify).</summary>
    public async Task<SpotifyConnection> VerifyAsync(CancellationToken cancellationToken)
    {
        var user = await Client.GetCurrentUserAsync(cancellationToken);
        _profile.UserId = user.Id;
        _profile.DisplayName = user.DisplayName;
        _store.WriteProfile(_profile);
        return Connection;
    }

    public void Dispose()
    {
        Client.Dispose();
        _accounts.Dispose();
        _refreshLock.Dispose();
    }
}
