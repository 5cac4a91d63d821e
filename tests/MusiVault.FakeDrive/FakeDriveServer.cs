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
public sealed class FakeDriveServer : IAsyncDisposable
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

    /// <summary>The q grammar MusiVault uses: clauses joined by "and"; anything else is a 400 like Drive's.</summary>
    internal static List<Func<FakeFile, bool>> ParseQuery(string q)
    {
        var filters = new List<Func<FakeFile, bool>>();
        foreach (var clause in SplitTopLevelAnd(q))
        {
            Match m;
            if ((m = Regex.Match(clause, @"^'((?:[^'\\]|\\.)*)' in parents$")).Success)
            {
                var parent = Unescape(m.Groups[1].Value);
                filters.Add(f => f.Parents.Contains(parent));
            }
            else if ((m = Regex.Match(clause, @"^trashed\s*=\s*(true|false)$")).Success)
            {
                var trashed = m.Groups[1].Value == "true";
                filters.Add(f => f.Trashed == trashed);
            }
            else if ((m = Regex.Match(clause, @"^(name|mimeType)\s*=\s*'((?:[^'\\]|\\.)*)'$")).Success)
            {
                var value = Unescape(m.Groups[2].Value);
                filters.Add(m.Groups[1].Value == "name" ? f => f.Name == value : f => f.MimeType == value);
            }
            else if ((m = Regex.Match(clause, @"^appProperties has \{\s*key\s*=\s*'((?:[^'\\]|\\.)*)' and value\s*=\s*'((?:[^'\\]|\\.)*)'\s*\}$")).Success)
            {
                var key = Unescape(m.Groups[1].Value);
                var value = Unescape(m.Groups[2].Value);
                filters.Add(f => f.AppProperties.TryGetValue(key, out var v) && v == value);
            }
            else
            {
                throw new BadRequest($"Invalid Value: the fake does not understand the query clause \"{clause}\".");
            }
        }
        return filters;
    }

    private static IEnumerable<string> SplitTopLevelAnd(string q)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            yield break;
        }
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < q.Length; i++)
        {
            var c = q[i];
            if (c == '\\' && quoted)
            {
                i++;
                continue;
            }
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '{')
            {
                depth++;
            }
            else if (!quoted && c == '}')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && string.CompareOrdinal(q, i, " and ", 0, 5) == 0)
            {
                yield return q[start..i].Trim();
                start = i + 5;
                i += 4;
            }
        }
        yield return q[start..].Trim();
    }

    private static string Unescape(string value) => Regex.Replace(value, @"\\(.)", "$1");

    // ------------------------------------------------------------------ resumable upload

    private sealed class UploadSession
    {
        public required JsonObject Metadata { get; init; }
        public long? DeclaredLength { get; init; }
        public MemoryStream Received { get; } = new();
        public FakeFile? Completed { get; set; }
    }

    private async Task StartUploadAsync(HttpContext context)
    {
        var metadata = await ReadJsonAsync(context);
        var declared = long.TryParse(context.Request.Headers["X-Upload-Content-Length"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var length) ? length : (long?)null;
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        _sessions[id] = new UploadSession { Metadata = metadata, DeclaredLength = declared };
        Interlocked.Increment(ref UploadSessionsStarted);
        context.Response.StatusCode = 200;
        context.Response.Headers.Location = new Uri(BaseUri, $"upload/drive/v3/files?uploadType=resumable&upload_id={id}").AbsoluteUri;
    }

    private async Task UploadChunkAsync(HttpContext context, string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            await Error(context, 404, "No such upload session.", "notFound");
            return;
        }
        if (UploadOutage)
        {
            Interlocked.Increment(ref ServerErrors);
            await DrainAsync(context.Request.Body);
            await Error(context, 500, "Backend Error", "backendError");
            return;
        }
        var range = context.Request.Headers["Content-Range"].ToString();
        var status = Regex.Match(range, @"^bytes \*/(\d+|\*)$");
        if (status.Success && (context.Request.ContentLength ?? 0) == 0 && range != "bytes */0")
        {
            Interlocked.Increment(ref StatusQueries);
            await ReportSessionAsync(context, session);
            return;
        }
        var chunk = Regex.Match(range, @"^bytes (\d+)-(\d+)/(\d+|\*)$");
        if (!chunk.Success)
        {
            await Error(context, 400, $"Bad Content-Range '{range}'.", "badRequest");
            return;
        }
        var first = long.Parse(chunk.Groups[1].Value, CultureInfo.InvariantCulture);
        var last = long.Parse(chunk.Groups[2].Value, CultureInfo.InvariantCulture);
        long? total = chunk.Groups[3].Value == "*" ? null : long.Parse(chunk.Groups[3].Value, CultureInfo.InvariantCulture);
        var length = last - first + 1;

        if (DropNextChunkAfterBytes is int dropAfter)
        {
            DropNextChunkAfterBytes = null;
            var partial = new byte[Math.Min(dropAfter, (int)length)];
            await context.Request.Body.ReadExactlyAsync(partial);
            Interlocked.Increment(ref DroppedConnections);
            // The bytes of a chunk whose connection broke are not acknowledged: the client learns that from a status query.
            context.Abort();
            return;
        }
        if (FailNextChunks > 0)
        {
            FailNextChunks--;
            Interlocked.Increment(ref ServerErrors);
            await DrainAsync(context.Request.Body);
            await Error(context, 500, "Backend Error", "backendError");
            return;
        }

        var data = new MemoryStream();
        await context.Request.Body.CopyToAsync(data);
        if (data.Length != length)
        {
            await Error(context, 400, $"Content-Range says {length} bytes, the body has {data.Length}.", "badRequest");
            return;
        }
        if (first != session.Received.Length)
        {
            // Not where we are: tell the client what we have, as Drive does.
            await ReportSessionAsync(context, session);
            return;
        }
        var isFinal = total is not null && last + 1 == total;
        if (!isFinal && length % ChunkGranularity != 0)
        {
            await Error(context, 400, $"Invalid request. A non-final chunk must be a multiple of {ChunkGranularity} bytes; got {length}.", "badRequest");
            return;
        }
        ChunkSizes.Enqueue(length);
        data.Position = 0;
        await data.CopyToAsync(session.Received);
        if (isFinal)
        {
            Complete(session);
        }
        await ReportSessionAsync(context, session);
    }

    private void Complete(UploadSession session)
    {
        var file = NewFile(session.Metadata);
        file.Content = session.Received.ToArray();
#pragma warning disable CA5351 // Drive's md5Checksum is MD5.
        var md5 = Convert.ToHexString(MD5.HashData(file.Content)).ToLowerInvariant();
#pragma warning restore CA5351
        if (WrongMd5ForNextUpload)
        {
            WrongMd5ForNextUpload = false;
            md5 = new string(md5.Reverse().ToArray()) == md5 ? "0" + md5[1..] : new string(md5.Reverse().ToArray());
        }
        file.Md5Checksum = md5;
        _files[file.Id] = file;
        session.Completed = file;
    }

    private async Task ReportSessionAsync(HttpContext context, UploadSession session)
    {
        if (session.Completed is not null)
        {
            await Json(context, 200, ToJson(session.Completed));
            return;
        }
        context.Response.StatusCode = 308;
        if (session.Received.Length > 0)
        {
            context.Response.Headers["Range"] = $"bytes=0-{session.Received.Length - 1}";
        }
    }

    // ------------------------------------------------------------------ control (standalone use)

    private async Task ControlAsync(HttpContext context, string path)
    {
        var q = context.Request.Query;
        switch (path)
        {
            case "/_fake/refresh-token":
                await Json(context, 200, new JsonObject { ["refresh_token"] = IssueRefreshToken(q["scope"].FirstOrDefault() ?? "https://www.googleapis.com/auth/drive.file") });
                return;
            case "/_fake/faults":
                if (int.TryParse(q["dropNextChunkAfter"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var drop))
                {
                    DropNextChunkAfterBytes = drop;
                }
                if (int.TryParse(q["failNextChunks"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var fail))
                {
                    FailNextChunks = fail;
                }
                if (q["wrongMd5"] == "true")
                {
                    WrongMd5ForNextUpload = true;
                }
                context.Response.StatusCode = 204;
                return;
            case "/_fake/stats":
                await Json(context, 200, new JsonObject
                {
                    ["files"] = _files.Count,
                    ["statusQueries"] = StatusQueries,
                    ["droppedConnections"] = DroppedConnections,
                    ["serverErrors"] = ServerErrors,
                    ["uploadSessions"] = UploadSessionsStarted,
                    ["deleted"] = Deleted.Count,
                    ["gzipBodies"] = GzipBodies,
                });
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
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
