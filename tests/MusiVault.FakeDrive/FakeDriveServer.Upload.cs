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
/// <summary>The resumable upload protocol: sessions, 256 KiB chunks, status queries, injected faults.</summary>
public sealed partial class FakeDriveServer
{
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
}
