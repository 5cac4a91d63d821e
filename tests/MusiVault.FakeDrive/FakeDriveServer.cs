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

/// <summary>One file as the fake stores it.</summary>
public sealed class FakeFile
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string MimeType { get; set; } = "application/octet-stream";
    public List<string> Parents { get; set; } = [];
    public Dictionary<string, string> AppProperties { get; set; } = new(StringComparer.Ordinal);
    public byte[]? Content { get; set; }
    public string? Md5Checksum { get; set; }
    public DateTimeOffset CreatedTime { get; set; }
    public bool Trashed { get; set; }
    public string Space { get; set; } = "drive";
}

/// <summary>
/// Google OAuth (authorize + token with PKCE and refresh) and the Drive v3 files API, enough for MusiVault's backups:
/// files.create/list/get/get?alt=media/update/delete, the resumable upload protocol with its 256 KiB rule, gzip
/// request bodies, the q clauses MusiVault sends, and injectable faults. Listens on 127.0.0.1, random port.
/// </summary>
public sealed partial class FakeDriveServer : IAsyncDisposable
{
    public const int ChunkGranularity = 256 * 1024;
    private const string FolderMime = "application/vnd.google-apps.folder";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeFile> _files = new();
    private readonly ConcurrentDictionary<string, UploadSession> _sessions = new();
    private readonly ConcurrentDictionary<string, AuthCode> _codes = new();
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new();
    private readonly ConcurrentDictionary<string, string> _accessTokens = new();
    private readonly object _gate = new();
    private DateTimeOffset _clock = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private int _nextId;

    private FakeDriveServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;
    public Uri AuthorizationUrl => new(BaseUri, "o/oauth2/v2/auth");
    public Uri TokenUrl => new(BaseUri, "token");

    public string ClientId { get; set; } = "fake-client-id";
    /// <summary>When set, the token endpoint requires this client secret.</summary>
    public string? ClientSecret { get; set; }

    // ---- observations
    public int StatusQueries;
    public int DroppedConnections;
    public int ServerErrors;
    public int TokenRefreshes;
    public int UploadSessionsStarted;
    public int GzipBodies;
    public ConcurrentQueue<string> Deleted { get; } = new();
    public ConcurrentQueue<long> ChunkSizes { get; } = new();

    // ---- faults (each consumed once)
    /// <summary>Abort the connection of the next upload chunk after reading this many of its bytes.</summary>
    public int? DropNextChunkAfterBytes { get; set; }
    /// <summary>Answer this many upload chunks with 500.</summary>
    public int FailNextChunks { get; set; }
    /// <summary>Answer every upload request, status queries included, with 500 (an outage).</summary>
    public bool UploadOutage { get; set; }
    /// <summary>Report a wrong md5Checksum for the next completed upload.</summary>
    public bool WrongMd5ForNextUpload { get; set; }

    public IReadOnlyCollection<FakeFile> Files => _files.Values.ToList();

    public static async Task<FakeDriveServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, port);
            options.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var server = new FakeDriveServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer s
            ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("no server");
        server.BaseUri = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A refresh token the token endpoint will honour (what Connect-GoogleDrive -RefreshToken imports).</summary>
    public string IssueRefreshToken(string scope = "https://www.googleapis.com/auth/drive.file")
    {
        var token = "1//fake-refresh-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        _refreshTokens[token] = scope;
        return token;
    }

    public void RevokeAccessTokens() => _accessTokens.Clear();

    /// <summary>Flips one byte of a stored file without touching its md5 (a corrupt download).</summary>
    public void CorruptContent(string id)
    {
        var file = _files[id];
        file.Content![file.Content.Length / 2] ^= 0xFF;
    }

    // ------------------------------------------------------------------ dispatch

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        try
        {
            if (path == "/o/oauth2/v2/auth" && method == "GET")
            {
                Authorize(context);
                return;
            }
            if (path == "/token" && method == "POST")
            {
                await TokenAsync(context);
                return;
            }
            if (path.StartsWith("/_fake/", StringComparison.Ordinal))
            {
                await ControlAsync(context, path);
                return;
            }
            if (!Authorized(context))
            {
                await Error(context, 401, "Request had invalid authentication credentials.", "authError");
                return;
            }
            if (path == "/upload/drive/v3/files")
            {
                if (method == "POST" && context.Request.Query["uploadType"] == "resumable")
                {
                    await StartUploadAsync(context);
                }
                else if (method == "PUT" && context.Request.Query.ContainsKey("upload_id"))
                {
                    await UploadChunkAsync(context, context.Request.Query["upload_id"].ToString());
                }
                else
                {
                    await Error(context, 400, "Only resumable uploads are supported by the fake.", "badRequest");
                }
                return;
            }
            if (path == "/drive/v3/files")
            {
                if (method == "GET")
                {
                    await ListAsync(context);
                }
                else if (method == "POST")
                {
                    await CreateAsync(context);
                }
                else
                {
                    await Error(context, 405, "Method not allowed.", "badRequest");
                }
                return;
            }
            if (path.StartsWith("/drive/v3/files/", StringComparison.Ordinal))
            {
                var id = Uri.UnescapeDataString(path["/drive/v3/files/".Length..]);
                if (!_files.TryGetValue(id, out var file) || file.Trashed && method != "DELETE")
                {
                    await Error(context, 404, $"File not found: {id}.", "notFound");
                    return;
                }
                switch (method)
                {
                    case "GET" when context.Request.Query["alt"] == "media":
                        await MediaAsync(context, file);
                        return;
                    case "GET":
                        await Json(context, 200, ToJson(file));
                        return;
                    case "PATCH":
                        await UpdateAsync(context, file);
                        return;
                    case "DELETE":
                        _files.TryRemove(id, out _);
                        Deleted.Enqueue(id);
                        context.Response.StatusCode = 204;
                        return;
                }
            }
            await Error(context, 404, $"No such endpoint: {method} {path}", "notFound");
        }
        catch (BadRequest ex)
        {
            await Error(context, 400, ex.Message, "badRequest");
        }
    }

    // ------------------------------------------------------------------ files

    private async Task CreateAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context);
        var file = NewFile(body);
        _files[file.Id] = file;
        await Json(context, 200, ToJson(file));
    }

    private FakeFile NewFile(JsonObject body)
    {
        var file = new FakeFile
        {
            Name = body["name"]?.GetValue<string>() ?? "Untitled",
            MimeType = body["mimeType"]?.GetValue<string>() ?? "application/octet-stream",
            Parents = body["parents"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? ["root"],
        };
        if (file.Parents.Count == 0)
        {
            file.Parents.Add("root");
        }
        ApplyAppProperties(file, body["appProperties"] as JsonObject);
        file.Space = file.Parents.Any(p => p == "appDataFolder" || (_files.TryGetValue(p, out var parent) && parent.Space == "appDataFolder"))
            ? "appDataFolder" : "drive";
        lock (_gate)
        {
            file.Id = "fake" + (++_nextId).ToString("D6", CultureInfo.InvariantCulture);
            _clock = _clock.AddSeconds(1);
            file.CreatedTime = _clock;
        }
        return file;
    }

    private static void ApplyAppProperties(FakeFile file, JsonObject? properties)
    {
        if (properties is null)
        {
            return;
        }
        foreach (var (key, value) in properties)
        {
            if (value is null)
            {
                file.AppProperties.Remove(key);
                continue;
            }
            var text = value.GetValue<string>();
            // Drive's documented limit: key + value at most 124 bytes (UTF-8).
            if (Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(text) > 124)
            {
                throw new BadRequest($"The property '{key}' exceeds the 124 byte key+value limit.");
            }
            file.AppProperties[key] = text;
        }
    }

    private async Task UpdateAsync(HttpContext context, FakeFile file)
    {
        var body = await ReadJsonAsync(context);
        if (body["name"] is JsonNode name)
        {
            file.Name = name.GetValue<string>();
        }
        if (body["trashed"] is JsonNode trashed)
        {
            file.Trashed = trashed.GetValue<bool>();
        }
        ApplyAppProperties(file, body["appProperties"] as JsonObject);
        await Json(context, 200, ToJson(file));
    }

    private static async Task MediaAsync(HttpContext context, FakeFile file)
    {
        if (file.Content is null)
        {
            await Error(context, 403, "Only files with binary content can be downloaded.", "fileNotDownloadable");
            return;
        }
        context.Response.ContentType = "application/octet-stream";
        var content = file.Content;
        // Google's MediaDownloader asks for the file one Range at a time.
        var range = Regex.Match(context.Request.Headers.Range.ToString(), @"^bytes=(\d+)-(\d*)$");
        if (range.Success)
        {
            var first = long.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture);
            var last = range.Groups[2].Value.Length > 0 ? long.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture) : content.Length - 1;
            last = Math.Min(last, content.Length - 1);
            if (first > last)
            {
                context.Response.StatusCode = 416;
                context.Response.Headers.ContentRange = $"bytes */{content.Length}";
                return;
            }
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {first}-{last}/{content.Length}";
            context.Response.ContentLength = last - first + 1;
            await context.Response.Body.WriteAsync(content.AsMemory((int)first, (int)(last - first + 1)));
            return;
        }
        context.Response.StatusCode = 200;
        context.Response.ContentLength = content.Length;
        await context.Response.Body.WriteAsync(content);
    }

    private async Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var spaces = query["spaces"].ToString();
        var space = string.IsNullOrEmpty(spaces) ? "drive" : spaces;
        var filters = ParseQuery(query["q"].ToString());
        IEnumerable<FakeFile> matches = _files.Values.Where(f => f.Space == space && filters.All(filter => filter(f)));
        matches = query["orderBy"].ToString() switch
        {
            "" => matches.OrderBy(f => f.Id, StringComparer.Ordinal),
            "createdTime" => matches.OrderBy(f => f.CreatedTime),
            "createdTime desc" => matches.OrderByDescending(f => f.CreatedTime),
            var other => throw new BadRequest($"The fake does not support orderBy '{other}'."),
        };
        var pageSize = int.TryParse(query["pageSize"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? Math.Clamp(size, 1, 1000) : 100;
        var offset = int.TryParse(query["pageToken"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var token) ? token : 0;
        var all = matches.ToList();
        var page = all.Skip(offset).Take(pageSize).ToList();
        var result = new JsonObject
        {
            ["kind"] = "drive#fileList",
            ["incompleteSearch"] = false,
            ["files"] = new JsonArray(page.Select(f => (JsonNode)ToJson(f)).ToArray()),
        };
        if (offset + pageSize < all.Count)
        {
            result["nextPageToken"] = (offset + pageSize).ToString(CultureInfo.InvariantCulture);
        }
        await Json(context, 200, result);
    }

    // ------------------------------------------------------------------ plumbing

    private static JsonObject ToJson(FakeFile file)
    {
        var properties = new JsonObject();
        foreach (var (key, value) in file.AppProperties)
        {
            properties[key] = value;
        }
        var json = new JsonObject
        {
            ["kind"] = "drive#file",
            ["id"] = file.Id,
            ["name"] = file.Name,
            ["mimeType"] = file.MimeType,
            ["parents"] = new JsonArray(file.Parents.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
            ["appProperties"] = properties,
            ["createdTime"] = file.CreatedTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["trashed"] = file.Trashed,
        };
        if (file.Content is not null)
        {
            // Drive sends int64 as a JSON string.
            json["size"] = file.Content.Length.ToString(CultureInfo.InvariantCulture);
            json["md5Checksum"] = file.Md5Checksum;
        }
        return json;
    }

    private async Task<JsonObject> ReadJsonAsync(HttpContext context)
    {
        Stream body = context.Request.Body;
        if (context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref GzipBodies);
            body = new GZipStream(body, CompressionMode.Decompress);
        }
        using var reader = new StreamReader(body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new JsonObject();
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new BadRequest("The body is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new BadRequest($"The body is not JSON: {ex.Message}");
        }
    }

    private static async Task DrainAsync(Stream body)
    {
        var buffer = new byte[81920];
        while (await body.ReadAsync(buffer) > 0)
        {
        }
    }

    private static Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task Error(HttpContext context, int status, string message, string reason) =>
        Json(context, status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = status,
                ["message"] = message,
                ["errors"] = new JsonArray(new JsonObject { ["domain"] = "global", ["reason"] = reason, ["message"] = message }),
            },
        });

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class BadRequest(string message) : Exception(message);
}
