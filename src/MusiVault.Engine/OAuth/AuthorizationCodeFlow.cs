using System.Web;

namespace MusiVault.Engine.OAuth;

/// <summary>
/// Who a login is for: the service's name and cmdlet (for messages and error ids), its authorization endpoint, the
/// client and the scopes. <paramref name="ExtraParameters"/> go on the authorization URL after the standard ones.
/// </summary>
internal sealed record OAuthClient(
    string Name,
    string ErrorPrefix,
    string Command,
    Uri AuthorizationEndpoint,
    string ClientId,
    string Scope,
    IReadOnlyList<KeyValuePair<string, string>>? ExtraParameters = null)
{
    /// <summary>Appended to "Close what uses that port" when the redirect port is taken.</summary>
    public string PortBusyHint { get; init; } = ".";

    /// <summary>Appended to "Run &lt;Command&gt; again" when no redirect arrived.</summary>
    public string TimeoutHint { get; init; } = "";
}

/// <summary>
/// One OAuth 2.0 authorization-code login with PKCE (S256) and a checked state, for an installed app: the URL to open,
/// then the code, either from the 127.0.0.1 loopback listener or from the redirected address the user pastes.
/// Exchanging the code is the caller's (each service's token endpoint differs).
/// </summary>
internal sealed class AuthorizationCodeFlow : IDisposable
{
    private readonly OAuthClient _client;
    private readonly string _state = Pkce.NewState();
    private LoopbackListener? _listener;

    private AuthorizationCodeFlow(OAuthClient client, Uri redirectUri, LoopbackListener? listener)
    {
        _client = client;
        _listener = listener;
        RedirectUri = redirectUri;
        CodeVerifier = Pkce.NewVerifier();
        AuthorizeUrl = BuildAuthorizeUrl(client, redirectUri, _state, Pkce.Challenge(CodeVerifier));
    }

    /// <summary>The redirect URI sent to the service; its OriginalString is what the token request must repeat.</summary>
    public Uri RedirectUri { get; }

    /// <summary>The PKCE verifier the token request sends with the code.</summary>
    public string CodeVerifier { get; }

    /// <summary>The URL to open in a browser (no secret in it: the PKCE challenge is a hash).</summary>
    public Uri AuthorizeUrl { get; }

    /// <summary>
    /// A login on a fixed, registered redirect URI (Spotify's). Nothing listens yet: <see cref="WaitForCodeAsync"/>
    /// binds it, or the user pastes the redirected address.
    /// </summary>
    public static AuthorizationCodeFlow Begin(OAuthClient client, Uri redirectUri)
    {
        ArgumentNullException.ThrowIfNull(client);
        LoopbackListener.LoopbackAddress(redirectUri, client, allowDynamicPort: false);
        return new AuthorizationCodeFlow(client, redirectUri, null);
    }

    /// <summary>A login that listens at once; port 0 in <paramref name="redirectUri"/> takes a free port (Google's).</summary>
    public static AuthorizationCodeFlow BeginListening(OAuthClient client, Uri redirectUri)
    {
        var listener = LoopbackListener.Start(redirectUri, client);
        try
        {
            return new AuthorizationCodeFlow(client, listener.RedirectUri, listener);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Listens on the redirect URI (if not yet), opens the browser when asked, and returns the code of the first
    /// redirect that carries this login's state. Stray requests are answered and ignored until <paramref name="timeout"/>.
    /// </summary>
    public async Task<string> WaitForCodeAsync(TimeSpan timeout, bool openBrowser, CancellationToken cancellationToken)
    {
        _listener ??= LoopbackListener.Start(RedirectUri, _client);
        if (openBrowser)
        {
            BrowserLauncher.TryOpen(AuthorizeUrl);
        }
        var redirected = await _listener.WaitAsync(timeout, Answer, cancellationToken);
        _listener.Dispose();
        return ReadCode(redirected);
    }

    /// <summary>The code of the address the browser was sent to, pasted by the user.</summary>
    public string ReadPastedCode(string? pasted)
    {
        if (!Uri.TryCreate(pasted?.Trim(), UriKind.Absolute, out var url))
        {
            throw new MusiVaultException(_client.ErrorPrefix + "LoginInvalidRedirect", ErrorKind.InvalidArgument,
                "That is not the address the browser was sent to. Paste the whole address, starting with " +
                $"{RedirectUri.GetLeftPart(UriPartial.Path)}?code=...");
        }
        return ReadCode(url);
    }

    /// <summary>Only a redirect with this login's state can end the wait: anyone on this machine can send requests.</summary>
    private CallbackAnswer Answer(Uri url)
    {
        var query = HttpUtility.ParseQueryString(url.Query);
        if (query["state"] != _state)
        {
            return new CallbackAnswer(false, 400, "Not this login",
                $"This request does not belong to the {_client.Name} login in progress; MusiVault keeps waiting for it.");
        }
        if (query["error"] is { Length: > 0 } error)
        {
            return new CallbackAnswer(true, 400, "MusiVault login failed",
                $"{_client.Name} ended the login with '{error}'. Return to PowerShell and run {_client.Command} again.");
        }
        return query["code"] is { Length: > 0 }
            ? new CallbackAnswer(true, 200, "MusiVault is connected",
                $"MusiVault received your {_client.Name} authorization. You can close this tab and return to PowerShell.")
            : new CallbackAnswer(true, 400, "MusiVault login failed", "The login redirect carries no authorization code.");
    }

    /// <summary>The authorization code of a redirect that belongs to this login; anything else is an error.</summary>
    private string ReadCode(Uri redirected)
    {
        var prefix = _client.ErrorPrefix;
        if (!string.Equals(redirected.GetLeftPart(UriPartial.Path).TrimEnd('/'), RedirectUri.GetLeftPart(UriPartial.Path).TrimEnd('/'),
                StringComparison.OrdinalIgnoreCase))
        {
            throw new MusiVaultException(prefix + "LoginInvalidRedirect", ErrorKind.InvalidArgument,
                $"That address does not start with the redirect URI {RedirectUri.GetLeftPart(UriPartial.Path)}.");
        }
        var query = HttpUtility.ParseQueryString(redirected.Query);
        if (query["state"] != _state)
        {
            throw new MusiVaultException(prefix + "LoginStateMismatch", ErrorKind.SecurityError,
                $"The login redirect does not belong to this login attempt (state mismatch). Run {_client.Command} again.");
        }
        if (query["error"] is { Length: > 0 } error)
        {
            throw new MusiVaultException(prefix + "LoginDenied", ErrorKind.AuthenticationError,
                error == "access_denied"
                    ? $"The {_client.Name} login was cancelled (access_denied). Run {_client.Command} again and allow MusiVault."
                    : $"{_client.Name} ended the login with '{error}'. Run {_client.Command} again.");
        }
        return query["code"] is { Length: > 0 } code
            ? code
            : throw new MusiVaultException(prefix + "LoginInvalidRedirect", ErrorKind.InvalidArgument,
                $"The login redirect carries no authorization code. Run {_client.Command} again.");
    }

    private static Uri BuildAuthorizeUrl(OAuthClient client, Uri redirectUri, string state, string challenge)
    {
        IEnumerable<KeyValuePair<string, string>> parameters =
        [
            new("client_id", client.ClientId),
            new("response_type", "code"),
            new("redirect_uri", redirectUri.OriginalString),
            new("code_challenge_method", "S256"),
            new("code_challenge", challenge),
            new("state", state),
            new("scope", client.Scope),
        ];
        var query = string.Join('&', parameters.Concat(client.ExtraParameters ?? [])
            .Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        var endpoint = client.AuthorizationEndpoint.AbsoluteUri;
        return new Uri(endpoint + (client.AuthorizationEndpoint.Query.Length > 0 ? "&" : "?") + query);
    }

    public void Dispose() => _listener?.Dispose();
}
