using System.Text.Json;
using System.Text.Json.Serialization;
using MusiVault.Engine.OAuth;

namespace MusiVault.Engine.Drive;

/// <summary>
/// OAuth 2.0 for installed apps against Google's (or a fake's) endpoints: authorization code with PKCE (S256) and a
/// loopback redirect on 127.0.0.1, and the refresh-token grant. Tokens never appear in messages or exceptions.
/// </summary>
internal sealed class GoogleOAuth(GoogleEndpoints endpoints)
{
    // One for the process: token requests are rare, and a per-call client would leave sockets behind.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(100) };

    /// <summary>How long the loopback listener waits for the browser to come back.</summary>
    public TimeSpan InteractiveTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public sealed record TokenResult(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, string? Scope);

    /// <summary>
    /// Runs the browser flow. <paramref name="openBrowser"/> receives the consent URL (open it, or show it to the user);
    /// the method returns once the browser has been redirected to our loopback listener and the code was exchanged.
    /// </summary>
    public async Task<TokenResult> AuthorizeInteractiveAsync(string clientId, string? clientSecret, string scope,
        Func<Uri, Task> openBrowser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openBrowser);
        var client = new OAuthClient("Google", "Google", "Connect-GoogleDrive", endpoints.AuthorizationUrl, clientId, scope,
        [
            // offline + consent: Google only returns a refresh token when the user is asked again.
            new("access_type", "offline"),
            new("prompt", "consent"),
        ]);
        // Google accepts any port on 127.0.0.1 for a desktop client: let the OS choose one while we hold it.
        using var flow = AuthorizationCodeFlow.BeginListening(client, new Uri("http://127.0.0.1:0/"));
        await openBrowser(flow.AuthorizeUrl);
        var code = await flow.WaitForCodeAsync(InteractiveTimeout, openBrowser: false, cancellationToken);
        return await RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["code_verifier"] = flow.CodeVerifier,
            ["redirect_uri"] = flow.RedirectUri.OriginalString,
            ["client_id"] = clientId,
        }, clientSecret, cancellationToken);
    }

    public Task<TokenResult> RefreshAsync(string clientId, string? clientSecret, string refreshToken, CancellationToken cancellationToken) =>
        RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = clientId,
        }, clientSecret, cancellationToken);

    private async Task<TokenResult> RequestTokenAsync(Dictionary<string, string> form, string? clientSecret, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(clientSecret))
        {
            form["client_secret"] = clientSecret;
        }
        HttpResponseMessage response;
        try
        {
            using var content = new FormUrlEncodedContent(form);
            response = await Http.PostAsync(endpoints.TokenUrl, content, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new MusiVaultException("GoogleTokenEndpointUnreachable", ErrorKind.ConnectionError,
                $"Cannot reach Google's token endpoint {endpoints.TokenUrl.GetLeftPart(UriPartial.Path)}: {ex.Message}", null, ex);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            TokenJson? token = null;
            try
            {
                token = JsonSerializer.Deserialize<TokenJson>(body);
            }
            catch (JsonException)
            {
            }
            if (!response.IsSuccessStatusCode || token?.AccessToken is null)
            {
                var error = token?.Error ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (error is "invalid_grant")
                {
                    throw new MusiVaultException("GoogleTokenRevoked", ErrorKind.AuthenticationError,
                        "Google refused the stored authorisation (expired or revoked). Run Connect-GoogleDrive again.");
                }
                if (error is "invalid_client" or "unauthorized_client")
                {
                    throw new MusiVaultException("GoogleClientRejected", ErrorKind.AuthenticationError,
                        $"Google rejected the OAuth client ({error}). Check -ClientId and -ClientSecret.");
                }
                throw new MusiVaultException("GoogleTokenRequestFailed", ErrorKind.AuthenticationError,
                    $"Google's token endpoint answered {(int)response.StatusCode} ({error}).");
            }
            return new TokenResult(token.AccessToken, token.RefreshToken,
                DateTimeOffset.UtcNow.AddSeconds(token.ExpiresIn > 0 ? token.ExpiresIn : 3600), token.Scope);
        }
    }

    private sealed class TokenJson
    {
        [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
        [JsonPropertyName("refresh_token")] public string? RefreshToken { get; set; }
        [JsonPropertyName("expires_in")] public int ExpiresIn { get; set; }
        [JsonPropertyName("scope")] public string? Scope { get; set; }
        [JsonPropertyName("error")] public string? Error { get; set; }
    }
}
