using System.Security.Cryptography;
using System.Text;

namespace MusiVault.FakeSpotify;

/// <summary>
/// The accounts service's state: authorization codes (PKCE), access tokens and rotating refresh tokens.
/// Tokens are random opaque strings like the real ones; nothing here is derived from the seed.
/// </summary>
public sealed class FakeAccounts
{
    /// <summary>Every scope the sync and a later restore could need; the default for <see cref="IssueRefreshToken"/>.</summary>
    public static readonly IReadOnlyList<string> AllScopes =
    [
        "user-read-private", "user-read-email", "user-library-read", "user-library-modify", "playlist-read-private",
        "playlist-read-collaborative", "playlist-modify-private", "playlist-modify-public", "user-follow-read",
        "user-follow-modify", "user-top-read", "user-read-recently-played",
    ];

    private readonly object gate = new();
    private readonly Dictionary<string, PendingCode> codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessGrant> accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> refreshTokens = new(StringComparer.Ordinal);
    private readonly TimeProvider time;

    internal FakeAccounts(string clientId, int accessTokenLifetimeSeconds, TimeProvider time)
    {
        ClientId = clientId;
        AccessTokenLifetimeSeconds = accessTokenLifetimeSeconds;
        this.time = time;
    }

    public string ClientId { get; }

    /// <summary>expires_in of new access tokens.</summary>
    public int AccessTokenLifetimeSeconds { get; set; }

    /// <summary>/authorize redirects with error=access_denied (the user clicked Cancel).</summary>
    public bool DenyAuthorization { get; set; }

    /// <summary>Successful token grants so far (authorization_code + refresh_token).</summary>
    public int TokensIssued { get; private set; }

    /// <summary>The redirect URIs /authorize has sent codes to, in order (tests can check the redirect they passed).</summary>
    public List<string> AuthorizeRedirects { get; } = [];

    /// <summary>A valid refresh token, as if the user had logged in (for non-interactive login in tests and the demo).</summary>
    public string IssueRefreshToken(IEnumerable<string>? scopes = null)
    {
        lock (gate)
        {
            var token = NewToken(96);
            refreshTokens[token] = new RefreshGrant(ScopeString(scopes));
            return token;
        }
    }

    /// <summary>A valid access token (skips the accounts service; for tests of the API surface itself).</summary>
    public string IssueAccessToken(IEnumerable<string>? scopes = null)
    {
        lock (gate)
        {
            return NewAccessToken(ScopeString(scopes));
        }
    }

    /// <summary>Every access token issued so far now answers 401 "The access token expired".</summary>
    public void ExpireAllAccessTokens()
    {
        lock (gate)
        {
            var past = time.GetUtcNow().AddSeconds(-1);
            foreach (var grant in accessTokens.Values)
            {
                grant.ExpiresAt = past;
            }
        }
    }

    /// <summary>Every refresh token issued so far now answers 400 invalid_grant (the user revoked the app).</summary>
    public void RevokeAllRefreshTokens()
    {
        lock (gate)
        {
            foreach (var grant in refreshTokens.Values)
            {
                grant.Revoked = true;
            }
        }
    }

    /// <summary>Also forget access tokens (a revoked app loses both).</summary>
    public void RevokeAllAccessTokens()
    {
        lock (gate)
        {
            foreach (var grant in accessTokens.Values)
            {
                grant.Revoked = true;
            }
        }
    }

    internal string CreateCode(string redirectUri, string codeChallenge, string scope)
    {
        lock (gate)
        {
            var code = NewToken(64);
            codes[code] = new PendingCode(redirectUri, codeChallenge, scope);
            AuthorizeRedirects.Add(redirectUri);
            return code;
        }
    }

    internal TokenResult RedeemCode(string code, string? redirectUri, string? codeVerifier)
    {
        lock (gate)
        {
            if (!codes.TryGetValue(code, out var pending) || pending.Used)
            {
                return TokenResult.Fail("invalid_grant", "Invalid authorization code");
            }

            // A code is single use even when the attempt fails, like the real service.
            pending.Used = true;
            if (!string.Equals(pending.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                return TokenResult.Fail("invalid_grant", "Invalid redirect URI");
            }

            if (string.IsNullOrEmpty(codeVerifier) || !string.Equals(S256(codeVerifier), pending.CodeChallenge, StringComparison.Ordinal))
            {
                return TokenResult.Fail("invalid_grant", "code_verifier was incorrect");
            }

            return Grant(pending.Scope);
        }
    }

    internal TokenResult Refresh(string refreshToken)
    {
        lock (gate)
        {
            if (!refreshTokens.TryGetValue(refreshToken, out var grant) || grant.Revoked)
            {
                return TokenResult.Fail("invalid_grant", "Refresh token revoked");
            }

            // Rotation: the old refresh token stops working the moment a new one is handed out.
            grant.Revoked = true;
            return Grant(grant.Scope);
        }
    }

    internal AccessCheck CheckAccessToken(string? token)
    {
        lock (gate)
        {
            if (token is null || !accessTokens.TryGetValue(token, out var grant) || grant.Revoked)
            {
                return new AccessCheck(AccessStatus.Invalid, null);
            }

            return grant.ExpiresAt <= time.GetUtcNow()
                ? new AccessCheck(AccessStatus.Expired, null)
                : new AccessCheck(AccessStatus.Valid, grant.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
        }
    }

    private TokenResult Grant(string scope)
    {
        var access = NewAccessToken(scope);
        var refresh = NewToken(96);
        refreshTokens[refresh] = new RefreshGrant(scope);
        TokensIssued++;
        return new TokenResult(null, null, access, refresh, scope, AccessTokenLifetimeSeconds);
    }

    private string NewAccessToken(string scope)
    {
        var token = NewToken(128);
        accessTokens[token] = new AccessGrant(scope) { ExpiresAt = time.GetUtcNow().AddSeconds(AccessTokenLifetimeSeconds) };
        return token;
    }

    private static string ScopeString(IEnumerable<string>? scopes) => string.Join(' ', scopes ?? AllScopes);

    internal static string S256(string verifier) =>
        Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string NewToken(int length)
    {
        // Real tokens are URL-safe base64-ish; keep that alphabet so clients do not get away with less.
        var s = Base64Url(RandomNumberGenerator.GetBytes(length));
        return s[..length];
    }

    private sealed class PendingCode(string redirectUri, string codeChallenge, string scope)
    {
        public string RedirectUri { get; } = redirectUri;
        public string CodeChallenge { get; } = codeChallenge;
        public string Scope { get; } = scope;
        public bool Used { get; set; }
    }

    private sealed class AccessGrant(string scope)
    {
        public string Scope { get; } = scope;
        public DateTimeOffset ExpiresAt { get; set; }
        public bool Revoked { get; set; }
    }

    private sealed class RefreshGrant(string scope)
    {
        public string Scope { get; } = scope;
        public bool Revoked { get; set; }
    }
}

internal enum AccessStatus
{
    Valid,
    Invalid,
    Expired,
}

internal sealed record AccessCheck(AccessStatus Status, HashSet<string>? Scopes);

internal sealed record TokenResult(string? Error, string? ErrorDescription, string? AccessToken, string? RefreshToken, string? Scope, int ExpiresIn)
{
    public static TokenResult Fail(string error, string description) => new(error, description, null, null, null, 0);
}
