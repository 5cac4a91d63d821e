using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MusiVault.FakeDrive;
/// <summary>The fake's OAuth endpoints: consent (approves at once), the token grants.</summary>
public sealed partial class FakeDriveServer
{
    // ------------------------------------------------------------------ OAuth

    private sealed record AuthCode(string ClientId, string RedirectUri, string Challenge, string Scope);

    private void Authorize(HttpContext context)
    {
        var q = context.Request.Query;
        var redirect = q["redirect_uri"].ToString();
        if (q["client_id"] != ClientId || !redirect.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)
            || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]) || q["response_type"] != "code")
        {
            context.Response.StatusCode = 400;
            return;
        }
        var code = "4/fake-code-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        _codes[code] = new AuthCode(ClientId, redirect, q["code_challenge"].ToString(), q["scope"].ToString());
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = $"{redirect}?state={Uri.EscapeDataString(q["state"].ToString())}&code={Uri.EscapeDataString(code)}&scope={Uri.EscapeDataString(q["scope"].ToString())}";
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["client_id"] != ClientId || (ClientSecret is not null && form["client_secret"] != ClientSecret))
        {
            await Json(context, 401, new JsonObject { ["error"] = "invalid_client" });
            return;
        }
        string scope;
        string? newRefresh = null;
        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                if (!_codes.TryRemove(form["code"].ToString(), out var code) || code.RedirectUri != form["redirect_uri"]
                    || Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != code.Challenge)
                {
                    await Json(context, 400, new JsonObject { ["error"] = "invalid_grant" });
                    return;
                }
                scope = code.Scope;
                newRefresh = IssueRefreshToken(scope);
                break;
            case "refresh_token":
                if (!_refreshTokens.TryGetValue(form["refresh_token"].ToString(), out scope!))
                {
                    await Json(context, 400, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "Token has been expired or revoked." });
                    return;
                }
                Interlocked.Increment(ref TokenRefreshes);
                break;
            default:
                await Json(context, 400, new JsonObject { ["error"] = "unsupported_grant_type" });
                return;
        }
        var access = "ya29.fake-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        _accessTokens[access] = scope;
        var body = new JsonObject { ["access_token"] = access, ["expires_in"] = 3599, ["token_type"] = "Bearer", ["scope"] = scope };
        if (newRefresh is not null)
        {
            body["refresh_token"] = newRefresh;
        }
        await Json(context, 200, body);
    }

    private bool Authorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) && _accessTokens.ContainsKey(header["Bearer ".Length..]);
    }
}
