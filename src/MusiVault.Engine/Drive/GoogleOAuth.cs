using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MusiVault.Engine.Drive;

/// <summary>
/// OAuth 2.0 for installed apps against Google's (or a fake's) endpoints: authorization code with PKCE (S256) and a
/// loopback redirect on 127.0.0.1, and the refresh-token grant. Tokens never appear in messages or exceptions.
/// </summary>
public sealed class GoogleOAuth(GoogleEndpoints endpoints, HttpClient? http = null)
{
    private readonly HttpClient _http = http ?? SharedHttp;
    private static readonly HttpClient SharedHttp = new() { Timeout = TimeSpan.FromSeconds(100) };

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
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(48));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var port = FreeLoopbackPort();
        var redirectUri = $"http://127.0.0.1:{port}/";

        using var listener = new HttpListener();
        listener.Prefixes.Add(redirectUri);
        listener.Start();

        var query = new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = state,
            // offline + consent: Google only returns a refresh token when the user is asked again.
            ["access_type"] = "offline",
            ["prompt"] = "consent",
        };
        var authorizationUrl = new Uri(endpoints.AuthorizationUrl + (endpoints.AuthorizationUrl.Query.Length > 0 ? "&" : "?") + Form(query));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InteractiveTimeout);
        await openBrowser(authorizationUrl);

        string code;
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MusiVaultException("GoogleAuthorizationTimedOut", ErrorKind.OperationTimeout,
                    $"No answer from the browser within {InteractiveTimeout.TotalMinutes:0} minutes. Run Connect-GoogleDrive again.");
            }
            var parameters = ParseQuery(context.Request.Url?.Query);
            parameters.TryGetValue("state", out var returnedState);
            parameters.TryGetValue("code", out var returnedCode);
            parameters.TryGetValue("error", out var error);
            if (returnedState != state || (returnedCode is null && error is null))
            {
                // A stray request (favicon, a port scanner): not the redirect we wait for.
                await Respond(context, 400, "MusiVault: unexpected request.");
                continue;
            }
            if (error is not null)
            {
                await Respond(context, 200, "MusiVault was not authorised. You can close this window.");
                throw new MusiVaultException("GoogleAuthorizationDenied", ErrorKind.AuthenticationError,
                    $"Google did not authorise MusiVault ({error}).");
            }
            await Respond(context, 200, "MusiVault is connected to Google Drive. You can close this window.");
            code = returnedCode!;
            break;
        }

        return await RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["code_verifier"] = verifier,
            ["redirect_uri"] = redirectUri,
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
            response = await _http.PostAsync(endpoints.TokenUrl, content, cancellationToken);
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

    private static async Task Respond(HttpListenerContext context, int status, string text)
    {
        var bytes = Encoding.UTF8.GetBytes($"<!doctype html><html><body><p>{WebUtility.HtmlEncode(text)}</p></body></html>");
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static int FreeLoopbackPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static Dictionary<string, string> ParseQuery(string? query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=');
            var key = Uri.UnescapeDataString((at < 0 ? pair : pair[..at]).Replace('+', ' '));
            var value = at < 0 ? "" : Uri.UnescapeDataString(pair[(at + 1)..].Replace('+', ' '));
            result[key] = value;
        }
        return result;
    }

    private static string Form(Dictionary<string, string> values) =>
        string.Join('&', values.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class TokenJson
    {
        [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
        [JsonPropertyName("refresh_token")] public string? RefreshToken { get; set; }
        [JsonPropertyName("expires_in")] public int ExpiresIn { get; set; }
        [JsonPropertyName("scope")] public string? Scope { get; set; }
        [JsonPropertyName("error")] public string? Error { get; set; }
    }
}
