using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MusiVault.FakeDrive;

/// <summary>The /_fake/ control endpoints (for a fake run as its own process) and the states tests plant.</summary>
public sealed partial class FakeDriveServer
{
    /// <summary>
    /// What a backup killed between upload and verification leaves: the file without its verified mark, created
    /// <paramref name="age"/> before the fake's clock (Drive's createdTime is the server's, so this is how a test ages it).
    /// </summary>
    public void Unverify(string id, TimeSpan age)
    {
        var file = _files[id];
        file.AppProperties.Remove("mvVerified");
        lock (_gate)
        {
            file.CreatedTime = _clock - age;
        }
    }

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
            case "/_fake/unverify":
                if (!_files.ContainsKey(q["id"].ToString()))
                {
                    context.Response.StatusCode = 404;
                    return;
                }
                Unverify(q["id"].ToString(), TimeSpan.FromHours(double.TryParse(q["ageHours"], NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) ? hours : 0));
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
}
