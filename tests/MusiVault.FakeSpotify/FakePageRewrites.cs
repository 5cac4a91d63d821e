using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MusiVault.FakeSpotify;

/// <summary>How a <see cref="FaultKind.MalformedBody"/> fault breaks a 200 answer.</summary>
public enum MalformedBody
{
    /// <summary>The body is <c>{}</c>.</summary>
    EmptyObject,
    /// <summary>The body is <c>null</c>.</summary>
    Null,
    /// <summary>The page without its <c>items</c> member.</summary>
    NoItems,
    /// <summary><c>"items": "oops"</c>.</summary>
    WrongTypedItems,
    /// <summary><c>"items": [1, 2, 3]</c>: numbers where objects belong.</summary>
    WrongTypedElements,
    /// <summary>An HTML error page with status 200, as a captive portal or a broken proxy sends.</summary>
    NotJson,
}

/// <summary>
/// Faults that rewrite a real answer: malformed pages, a total that disagrees, a next that loops or never ends.
/// The endpoint answers first; the page object (the body, or its <c>artists</c> member for /me/following) is changed.
/// </summary>
internal static class FakePageRewrites
{
    public static async Task WriteAsync(HttpContext ctx, RequestDelegate next, FaultRule rule, string apiBaseUrl)
    {
        var request = ctx.Request;
        var offset = int.TryParse(request.Query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        if (rule.Kind == FaultKind.EndlessChain)
        {
            // Serve the first page's items at every offset: the chain goes on for as long as the client follows it.
            request.QueryString = new QueryString(ReplaceQuery(request.QueryString.Value ?? "", "offset", "0"));
        }

        var original = ctx.Response.Body;
        using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        try
        {
            await next(ctx);
        }
        finally
        {
            ctx.Response.Body = original;
        }

        var text = Rewrite(Encoding.UTF8.GetString(buffer.ToArray()), ctx, rule, offset, apiBaseUrl);
        var bytes = Encoding.UTF8.GetBytes(text);
        ctx.Response.ContentLength = bytes.Length;
        if (rule.Malformed == MalformedBody.NotJson && rule.Kind == FaultKind.MalformedBody)
        {
            ctx.Response.ContentType = "text/html";
        }
        await original.WriteAsync(bytes, ctx.RequestAborted);
    }

    /// <summary>The first item's name (or the object's own name) made very long: a 50 MB name must not reach the vault whole.</summary>
    public static async Task WriteHugeNameAsync(HttpContext ctx, RequestDelegate next, FaultRule rule)
    {
        var original = ctx.Response.Body;
        using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        try
        {
            await next(ctx);
        }
        finally
        {
            ctx.Response.Body = original;
        }
        var root = JsonNode.Parse(buffer.ToArray());
        var target = root?["items"] is JsonArray { Count: > 0 } items ? items[0] : root;
        if (target is JsonObject entry && (entry["track"] ?? entry["item"] ?? entry["album"] ?? entry["show"] ?? entry) is JsonObject named)
        {
            named["name"] = new string('n', rule.HugeNameChars);
        }
        var bytes = Encoding.UTF8.GetBytes(root?.ToJsonString() ?? "null");
        ctx.Response.ContentLength = bytes.Length;
        await original.WriteAsync(bytes, ctx.RequestAborted);
    }

    private static string Rewrite(string body, HttpContext ctx, FaultRule rule, int offset, string apiBaseUrl)
    {
        if (ctx.Response.StatusCode != 200)
        {
            return body;
        }
        if (rule.Kind == FaultKind.MalformedBody)
        {
            switch (rule.Malformed)
            {
                case MalformedBody.EmptyObject:
                    return "{}";
                case MalformedBody.Null:
                    return "null";
                case MalformedBody.NotJson:
                    return "<html><body>502 Bad Gateway</body></html>";
            }
        }
        var root = JsonNode.Parse(body);
        var page = root is JsonObject { } obj && obj["artists"] is JsonObject artists ? artists : root as JsonObject;
        if (page is null)
        {
            return body;
        }
        var self = apiBaseUrl[..apiBaseUrl.IndexOf("/v1", StringComparison.Ordinal)] + ctx.Request.Path + ctx.Request.QueryString;
        switch (rule.Kind)
        {
            case FaultKind.MalformedBody when rule.Malformed == MalformedBody.NoItems:
                page.Remove("items");
                break;
            case FaultKind.MalformedBody when rule.Malformed == MalformedBody.WrongTypedItems:
                page["items"] = "oops";
                break;
            case FaultKind.MalformedBody when rule.Malformed == MalformedBody.WrongTypedElements:
                page["items"] = new JsonArray(1, 2, 3);
                break;
            case FaultKind.WrongTotal:
                page["total"] = (page["total"]?.GetValue<int>() ?? 0) + rule.TotalDelta;
                break;
            case FaultKind.SelfLoopNext:
                // The next page is this page: offset pages name their own URL, cursor pages repeat their cursor.
                page["next"] = self;
                if (page["cursors"] is JsonObject cursors)
                {
                    var after = ctx.Request.Query["after"].ToString();
                    cursors["after"] = after.Length > 0 ? after : cursors["after"]?.DeepClone();
                    page["next"] = after.Length > 0 ? self : page["next"]?.DeepClone();
                }
                break;
            case FaultKind.EndlessChain:
                var limit = page["limit"]?.GetValue<int>() ?? 50;
                var path = ctx.Request.Path + ReplaceQuery(ctx.Request.QueryString.Value ?? "", "offset", (offset + limit).ToString(CultureInfo.InvariantCulture));
                page["offset"] = offset;
                page["next"] = apiBaseUrl[..apiBaseUrl.IndexOf("/v1", StringComparison.Ordinal)] + path;
                break;
        }
        return root!.ToJsonString();
    }

    private static string ReplaceQuery(string query, string name, string value)
    {
        var pairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).ToList();
        var index = pairs.FindIndex(p => p.StartsWith(name + "=", StringComparison.Ordinal));
        if (index >= 0)
        {
            pairs[index] = name + "=" + value;
        }
        else
        {
            pairs.Add(name + "=" + value);
        }
        return "?" + string.Join('&', pairs);
    }
}
