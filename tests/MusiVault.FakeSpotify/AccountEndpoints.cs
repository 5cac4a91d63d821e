using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MusiVault.FakeSpotify;

/// <summary>GET /authorize (auto-approves) and POST /api/token (authorization_code with PKCE, refresh_token with rotation).</summary>
internal sealed class AccountEndpoints(FakeSpotifyServer server)
{
    private FakeAccounts Accounts => server.Accounts;

    public void Map(WebApplication app)
    {
        app.MapGet("/authorize", Authorize);
        app.MapPost("/api/token", Token);
    }

    private async Task Authorize(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        var clientId = q["client_id"].ToString();
        var redirectUri = q["redirect_uri"].ToString();
        if (clientId != Accounts.ClientId)
        {
            await Page(ctx, 400, "INVALID_CLIENT: Invalid client");
            return;
        }

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out _))
        {
            await Page(ctx, 400, "INVALID_CLIENT: Invalid redirect URI");
            return;
        }

        var state = q["state"].ToString();
        if (q["response_type"] != "code")
        {
            Redirect(ctx, redirectUri, ("error", "unsupported_response_type"), ("state", state));
            return;
        }

        var challenge = q["code_challenge"].ToString();
        if (q["code_challenge_method"] != "S256" || challenge.Length < 43)
        {
            Redirect(ctx, redirectUri, ("error", "invalid_request"), ("state", state));
            return;
        }

        if (Accounts.DenyAuthorization)
        {
            Redirect(ctx, redirectUri, ("error", "access_denied"), ("state", state));
            return;
        }

        var scope = string.Join(' ', q["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var code = Accounts.CreateCode(redirectUri, challenge, scope);
        Redirect(ctx, redirectUri, ("code", code), ("state", state));
    }

    private static void Redirect(HttpContext ctx, string redirectUri, params (string Key, string Value)[] args)
    {
        var sb = new StringBuilder(redirectUri);
        var sep = redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (k, v) in args)
        {
            // state is echoed only when the client sent one.
            if (v.Length == 0)
            {
                continue;
            }

            sb.Append(sep).Append(k).Append('=').Append(Uri.EscapeDataString(v));
            sep = '&';
        }

        ctx.Response.StatusCode = 302;
        ctx.Response.Headers.Location = sb.ToString();
        ctx.Response.ContentLength = 0;
    }

    private static async Task Page(HttpContext ctx, int status, string text)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync("<!DOCTYPE html><html><body><h1>Oops! Something went wrong</h1><p>" + System.Net.WebUtility.HtmlEncode(text) + "</p></body></html>", ctx.RequestAborted);
    }

    private async Task Token(HttpContext ctx)
    {
        if (!ctx.Request.HasFormContentType)
        {
            await Http.OAuthError(ctx, 400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
            return;
        }

        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var clientId = form["client_id"].ToString();
        if (clientId.Length == 0 && BasicClientId(ctx) is { } basic)
        {
            clientId = basic;
        }

        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            await Http.OAuthError(ctx, 400, "unsupported_grant_type", "grant_type parameter is missing");
            return;
        }

        if (clientId != Accounts.ClientId)
        {
            await Http.OAuthError(ctx, 400, "invalid_client", "Invalid client");
            return;
        }

        TokenResult result;
        switch (grantType)
        {
            case "authorization_code":
                var code = form["code"].ToString();
                if (code.Length == 0)
                {
                    await Http.OAuthError(ctx, 400, "invalid_request", "code must be supplied");
                    return;
                }

                result = Accounts.RedeemCode(code, form["redirect_uri"].ToString(), form["code_verifier"].ToString());
                break;
            case "refresh_token":
                var refresh = form["refresh_token"].ToString();
                if (refresh.Length == 0)
                {
                    await Http.OAuthError(ctx, 400, "invalid_request", "refresh_token must be supplied");
                    return;
                }

                result = Accounts.Refresh(refresh);
                break;
            default:
                await Http.OAuthError(ctx, 400, "unsupported_grant_type", "grant_type must be client_credentials, authorization_code or refresh_token");
                return;
        }

        if (result.Error is not null)
        {
            await Http.OAuthError(ctx, 400, result.Error, result.ErrorDescription ?? string.Empty);
            return;
        }

        ctx.Response.Headers.CacheControl = "no-cache, no-store, max-age=0, must-revalidate";
        await Http.WriteJson(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", result.AccessToken);
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", result.ExpiresIn);
            w.WriteString("refresh_token", result.RefreshToken);
            w.WriteString("scope", result.Scope);
            w.WriteEndObject();
        });
    }

    private static string? BasicClientId(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? decoded : decoded[..colon];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
