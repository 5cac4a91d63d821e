using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MusiVault.FakeSpotify;

/// <summary>Response writing and query parsing shared by the endpoint groups.</summary>
internal static class Http
{
    public static async Task WriteJson(HttpContext ctx, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = Serialize(write);
        await WriteBytes(ctx, status, buffer);
    }

    public static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, SpotifyJson.WriterOptions))
        {
            write(w);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static async Task WriteBytes(HttpContext ctx, int status, byte[] body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    }

    /// <summary>The Web API's error object: {"error":{"status":N,"message":"..."}}.</summary>
    public static Task Error(HttpContext ctx, int status, string message) =>
        WriteJson(ctx, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteNumber("status", status);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary>The accounts service's OAuth error object: {"error":"...","error_description":"..."}.</summary>
    public static Task OAuthError(HttpContext ctx, int status, string error, string description) =>
        WriteJson(ctx, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        });

    public static Task Forbidden(HttpContext ctx) => Error(ctx, 403, "Forbidden");

    public static Task NotFound(HttpContext ctx) => Error(ctx, 404, "Resource not found");

    /// <summary>Parses an integer query parameter; null when absent, false when malformed.</summary>
    public static bool TryInt(HttpContext ctx, string name, out int? value)
    {
        value = null;
        var raw = ctx.Request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return true;
        }

        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            value = v;
            return true;
        }

        return false;
    }

    public static bool TryLong(HttpContext ctx, string name, out long? value)
    {
        value = null;
        var raw = ctx.Request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return true;
        }

        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            value = v;
            return true;
        }

        return false;
    }

    /// <summary>
    /// An absolute URL on <paramref name="path"/> with the given leading parameters, then the request's other query
    /// parameters in their order (market, additional_types, locale... survive in next/previous links, as on Spotify).
    /// </summary>
    public static string PageUrl(HttpContext ctx, string basePath, IEnumerable<KeyValuePair<string, string>> leading, IEnumerable<string> replaced)
    {
        var sb = new StringBuilder(basePath);
        var first = true;
        void Add(string k, string v)
        {
            sb.Append(first ? '?' : '&').Append(Uri.EscapeDataString(k)).Append('=').Append(Uri.EscapeDataString(v).Replace("%2C", ",", StringComparison.Ordinal));
            first = false;
        }

        foreach (var kv in leading)
        {
            Add(kv.Key, kv.Value);
        }

        var skip = new HashSet<string>(replaced, StringComparer.Ordinal);
        foreach (var kv in ctx.Request.Query)
        {
            if (!skip.Contains(kv.Key))
            {
                Add(kv.Key, kv.Value.ToString());
            }
        }

        return sb.ToString();
    }
}
