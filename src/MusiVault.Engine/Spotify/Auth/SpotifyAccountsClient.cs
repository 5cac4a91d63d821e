using System.Globalization;
using System.Net;
using System.Text.Json;
using MusiVault.Engine.Spotify.Json;

namespace MusiVault.Engine.Spotify.Auth;

/// <summary>What the token endpoint gave us. Never logged, never formatted into a message.</summary>
internal sealed class SpotifyTokenGrant
{
    public required string AccessToken { get; init; }
    /// <summary>null when Spotify kept the old refresh token (it does not always rotate).</summary>
    public string? RefreshToken { get; init; }
    public required DateTimeOffset AccessTokenExpiresAt { get; init; }
    /// <summary>Granted scopes; null when the response did not say.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    public override string ToString() => $"SpotifyTokenGrant(expires {AccessTokenExpiresAt:u})";
}

/// <summary>
/// The accounts service: the /authorize URL and the /api/token grants of Authorization Code with PKCE (a public
/// client: client_id in the body, no secret).
/// </summary>
internal sealed class SpotifyAccountsClient : IDisposable
{
    private const int MaxAttempts = 4;

    private readonly HttpClient _http;
    private readonly string _accountsBase;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    public SpotifyAccountsClient(Uri accountsBaseUrl, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _accountsBase = accountsBaseUrl.AbsoluteUri.TrimEnd('/');
        _delay = delay ?? ((d, ct) => Task.Delay(d, ct));
        _http = SpotifyHttp.CreateClient(null, TimeSpan.FromSeconds(60), allowRedirects: false);
    }

    public Task<SpotifyTokenGrant> ExchangeCodeAsync(string clientId, string code, Uri redirectUri, string codeVerifier,
        CancellationToken cancellationToken) =>
        PostTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri.OriginalString,
            ["client_id"] = clientId,
            ["code_verifier"] = codeVerifier,
        }, isRefresh: false, cancellationToken);

    /// <summary>Redeems a refresh token. invalid_grant (revoked, used, expired) → SpotifyReauthenticationRequired.</summary>
    public Task<SpotifyTokenGrant> RefreshAsync(string clientId, string refreshToken, CancellationToken cancellationToken) =>
        PostTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = clientId,
        }, isRefresh: true, cancellationToken);

    private async Task<SpotifyTokenGrant> PostTokenAsync(Dictionary<string, string> form, bool isRefresh, CancellationToken cancellationToken)
    {
        var secrets = form.Where(p => p.Key is "refresh_token" or "code" or "code_verifier").Select(p => p.Value).ToArray();
        for (var attempt = 1; ; attempt++)
        {
            HttpStatusCode status;
            string body;
            TimeSpan? retryAfter = null;
            try
            {
                using var content = new FormUrlEncodedContent(form);
                using var response = await _http.PostAsync(new Uri(_accountsBase + "/api/token"), content, cancellationToken);
                status = response.StatusCode;
                body = await response.Content.ReadAsStringAsync(cancellationToken);
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException ||
                                       (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (attempt >= MaxAttempts)
                {
                    throw new MusiVaultException("SpotifyAccountsUnavailable", ErrorKind.ConnectionError,
                        $"The Spotify accounts service did not answer ({ex.GetType().Name}). Check the network and try again.",
                        _accountsBase, ex);
                }
                await _delay(TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)), cancellationToken);
                continue;
            }

            if (status == HttpStatusCode.OK)
            {
                var grant = TryParseGrant(body);
                if (grant is not null)
                {
                    return grant;
                }
                if (attempt >= MaxAttempts)
                {
                    throw new MusiVaultException("SpotifyTokenResponseInvalid", ErrorKind.ProtocolError,
                        "The Spotify accounts service answered without a usable access token.", _accountsBase);
                }
                await _delay(TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)), cancellationToken);
                continue;
            }
            if ((status == HttpStatusCode.TooManyRequests || (int)status >= 500) && attempt < MaxAttempts)
            {
                var wait = retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
                if (wait > TimeSpan.FromMinutes(5))
                {
                    wait = TimeSpan.FromMinutes(5);
                }
                await _delay(wait, cancellationToken);
                continue;
            }
            throw TokenError(status, body, isRefresh, secrets);
        }
    }

    internal static SpotifyTokenGrant? TryParseGrant(string body)
    {
        try
        {
            var dto = JsonSerializer.Deserialize(body, SpotifyJsonContext.Default.TokenResponseDto);
            if (string.IsNullOrEmpty(dto?.AccessToken))
            {
                return null;
            }
            return new SpotifyTokenGrant
            {
                AccessToken = dto.AccessToken,
                RefreshToken = string.IsNullOrEmpty(dto.RefreshToken) ? null : dto.RefreshToken,
                AccessTokenExpiresAt = DateTimeOffset.UtcNow.AddSeconds(dto.ExpiresIn is > 0 ? dto.ExpiresIn.Value : 3600),
                Scopes = dto.Scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private MusiVaultException TokenError(HttpStatusCode status, string body, bool isRefresh, string[] secrets)
    {
        string? code = null;
        string? description = null;
        try
        {
            var envelope = JsonSerializer.Deserialize(body, SpotifyJsonContext.Default.ErrorEnvelopeDto);
            if (envelope?.Error is { ValueKind: JsonValueKind.String } e)
            {
                code = e.GetString();
                description = envelope.ErrorDescription;
            }
            else if (envelope?.Error is { ValueKind: JsonValueKind.Object } o)
            {
                description = o.Deserialize(SpotifyJsonContext.Default.ApiErrorDto)?.Message;
            }
        }
        catch (JsonException)
        {
        }
        var detail = Scrub(code is null ? description ?? status.ToString() : description is null ? code : $"{code}: {description}", secrets);
        if (code == "invalid_grant" && isRefresh)
        {
            return new MusiVaultException("SpotifyReauthenticationRequired", ErrorKind.AuthenticationError,
                $"Spotify no longer accepts the stored refresh token ({detail}): it was revoked, expired or already used. " +
                "Run Connect-Spotify again.", null);
        }
        if (code == "invalid_grant")
        {
            return new MusiVaultException("SpotifyLoginFailed", ErrorKind.AuthenticationError,
                $"Spotify refused the authorization code ({detail}). Run Connect-Spotify again.", null);
        }
        if (code == "invalid_client")
        {
            return new MusiVaultException("SpotifyInvalidClient", ErrorKind.AuthenticationError,
                $"Spotify does not know this client id ({detail}). Check -ClientId or MUSIVAULT_SPOTIFY_CLIENT_ID against " +
                "your app at developer.spotify.com.", null);
        }
        return new MusiVaultException("SpotifyTokenRequestFailed", ErrorKind.AuthenticationError,
            $"The Spotify accounts service refused the token request ({(int)status}): {detail}.", null);
    }

    /// <summary>Error text comes from the server; make sure it cannot echo what we sent.</summary>
    internal static string Scrub(string text, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length >= 6))
        {
            text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }
        return text.Length > 300 ? text[..300].ToString(CultureInfo.InvariantCulture) : text;
    }

    public void Dispose() => _http.Dispose();
}
