using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MusiVault.FakeSpotify;

/// <summary>The write side: /me/library, playlist creation and details, and playlist items add/reorder/replace/remove.</summary>
internal sealed partial class ApiEndpoints
{
    private const string LibraryModify = "user-library-modify|user-follow-modify|playlist-modify-public";
    private const string PlaylistModify = "playlist-modify-public|playlist-modify-private";

    private void MapModify(WebApplication app)
    {
        app.MapPut("/v1/me/library", ctx => LibraryChange(ctx, save: true));
        app.MapDelete("/v1/me/library", ctx => LibraryChange(ctx, save: false));
        app.MapGet("/v1/me/library/contains", LibraryContains);
        app.MapPost("/v1/me/playlists", CreatePlaylist);
        app.MapPut("/v1/playlists/{id}", ChangeDetails);
        app.MapPost("/v1/playlists/{id}/items", AddItems);
        app.MapPut("/v1/playlists/{id}/items", UpdateItems);
        app.MapDelete("/v1/playlists/{id}/items", RemoveItems);

        // Pre-2026 write endpoints: served in legacy mode, 403 for 2026 Development-Mode apps.
        app.MapPost("/v1/playlists/{id}/tracks", ctx => Legacy(ctx, AddItems));
        app.MapPut("/v1/playlists/{id}/tracks", ctx => Legacy(ctx, UpdateItems));
        app.MapDelete("/v1/playlists/{id}/tracks", ctx => Legacy(ctx, RemoveItems));
        app.MapPost("/v1/users/{id}/playlists", ctx => Legacy(ctx, CreatePlaylist));
        app.MapPut("/v1/me/tracks", ctx => Legacy(ctx, c => IdsChange(c, "track", save: true)));
        app.MapDelete("/v1/me/tracks", ctx => Legacy(ctx, c => IdsChange(c, "track", save: false)));
        app.MapPut("/v1/me/albums", ctx => Legacy(ctx, c => IdsChange(c, "album", save: true)));
        app.MapDelete("/v1/me/albums", ctx => Legacy(ctx, c => IdsChange(c, "album", save: false)));
        app.MapPut("/v1/me/shows", ctx => Legacy(ctx, c => IdsChange(c, "show", save: true)));
        app.MapDelete("/v1/me/shows", ctx => Legacy(ctx, c => IdsChange(c, "show", save: false)));
        app.MapPut("/v1/me/episodes", ctx => Legacy(ctx, c => IdsChange(c, "episode", save: true)));
        app.MapDelete("/v1/me/episodes", ctx => Legacy(ctx, c => IdsChange(c, "episode", save: false)));
        app.MapPut("/v1/me/following", ctx => Legacy(ctx, c => IdsChange(c, "artist", save: true)));
        app.MapDelete("/v1/me/following", ctx => Legacy(ctx, c => IdsChange(c, "artist", save: false)));
        app.MapPut("/v1/playlists/{id}/followers", ctx => Legacy(ctx, c => FollowPlaylist(c, follow: true)));
        app.MapDelete("/v1/playlists/{id}/followers", ctx => Legacy(ctx, c => FollowPlaylist(c, follow: false)));
    }

    private async Task Legacy(HttpContext ctx, Func<HttpContext, Task> handler)
    {
        if (server.LegacyShapes)
        {
            await handler(ctx);
        }
        else if (await Auth(ctx, null))
        {
            await Http.Forbidden(ctx);
        }
    }

    private async Task<JsonNode?> Body(HttpContext ctx)
    {
        if (ctx.Request.ContentLength == 0)
        {
            return null;
        }

        try
        {
            return await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task Snapshot(HttpContext ctx, int status, string snapshotId) =>
        await Http.WriteJson(ctx, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("snapshot_id", snapshotId);
            w.WriteEndObject();
        });

    private async Task LibraryChange(HttpContext ctx, bool save)
    {
        if (!await Auth(ctx, LibraryModify))
        {
            return;
        }

        var uris = ctx.Request.Query["uris"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (uris.Length == 0)
        {
            await Http.Error(ctx, 400, "Missing required parameter: uris");
            return;
        }

        if (uris.Length > 40)
        {
            await Http.Error(ctx, 400, "Too many ids requested");
            return;
        }

        lock (Lib.SyncRoot)
        {
            if (uris.Any(u => !IsKnownUri(u)))
            {
                uris = [];
            }
        }

        if (uris.Length == 0)
        {
            await Http.Error(ctx, 400, "Invalid URI");
            return;
        }

        foreach (var uri in uris)
        {
            if (save)
            {
                server.Mutations.SaveUri(uri);
            }
            else
            {
                server.Mutations.RemoveUri(uri);
            }
        }

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentLength = 0;
    }

    private async Task LibraryContains(HttpContext ctx)
    {
        if (!await Auth(ctx, "user-library-read|user-follow-read|playlist-read-private"))
        {
            return;
        }

        var uris = ctx.Request.Query["uris"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (uris.Length is 0 or > 40)
        {
            await Http.Error(ctx, 400, uris.Length == 0 ? "Missing required parameter: uris" : "Too many ids requested");
            return;
        }

        await Respond(ctx, 200, (w, _) =>
        {
            w.WriteStartArray();
            foreach (var uri in uris)
            {
                var id = uri.Split(':')[^1];
                w.WriteBooleanValue(uri.Split(':') is [_, var type, _] && type switch
                {
                    "track" => Lib.LikedTracks.Exists(s => s.Item.Id == id),
                    "album" => Lib.SavedAlbums.Exists(s => s.Item.Id == id),
                    "episode" => Lib.SavedEpisodes.Exists(s => s.Item.Id == id),
                    "show" => Lib.SavedShows.Exists(s => s.Item.Id == id),
                    "artist" => Lib.FollowedArtists.Exists(a => a.Id == id),
                    "playlist" => Lib.Playlists.Exists(p => p.Id == id),
                    _ => false,
                });
            }

            w.WriteEndArray();
        });
    }

    private bool IsKnownUri(string uri)
    {
        var parts = uri.Split(':');
        if (parts.Length != 3 || parts[0] != "spotify")
        {
            return false;
        }

        var id = parts[2];
        return parts[1] switch
        {
            "track" => Lib.Tracks.ContainsKey(id),
            "album" => Lib.Albums.ContainsKey(id),
            "episode" => Lib.Episodes.ContainsKey(id),
            "show" => Lib.Shows.ContainsKey(id),
            "artist" => Lib.Artists.ContainsKey(id),
            "playlist" => Lib.AllPlaylists.ContainsKey(id),
            "user" => Lib.Users.ContainsKey(id),
            _ => false,
        };
    }

    private async Task IdsChange(HttpContext ctx, string type, bool save)
    {
        if (!await Auth(ctx, type == "artist" ? "user-follow-modify" : "user-library-modify"))
        {
            return;
        }

        if (type == "artist" && ctx.Request.Query["type"] != "artist")
        {
            await Http.Error(ctx, 400, "Invalid type");
            return;
        }

        var ids = ctx.Request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length == 0 && await Body(ctx) is JsonObject body && body["ids"] is JsonArray arr)
        {
            ids = arr.Select(n => n?.GetValue<string>() ?? string.Empty).ToArray();
        }

        if (ids.Length is 0 or > 50)
        {
            await Http.Error(ctx, 400, ids.Length == 0 ? "Missing required parameter: ids" : "Too many ids requested");
            return;
        }

        foreach (var id in ids)
        {
            var uri = $"spotify:{type}:{id}";
            if (save)
            {
                server.Mutations.SaveUri(uri);
            }
            else
            {
                server.Mutations.RemoveUri(uri);
            }
        }

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentLength = 0;
    }

    private async Task FollowPlaylist(HttpContext ctx, bool follow)
    {
        if (!await Auth(ctx, PlaylistModify))
        {
            return;
        }

        if (FindPlaylist(ctx) is not { } p)
        {
            await Http.NotFound(ctx);
            return;
        }

        if (follow)
        {
            server.Mutations.SaveUri(p.Uri);
        }
        else
        {
            server.Mutations.Unfollow(p.Id);
        }

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentLength = 0;
    }

    private async Task CreatePlaylist(HttpContext ctx)
    {
        if (!await Auth(ctx, PlaylistModify))
        {
            return;
        }

        var body = await Body(ctx) as JsonObject;
        var name = body?["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            await Http.Error(ctx, 400, "Missing required field: name");
            return;
        }

        var p = server.Mutations.CreatePlaylist(
            name,
            body!["description"]?.GetValue<string>(),
            body["public"] is JsonValue pub ? pub.GetValue<bool>() : true,
            body["collaborative"] is JsonValue col && col.GetValue<bool>());
        await Respond(ctx, 201, (w, j) => j.FullPlaylist(w, p, withEntries: true, episodesAsEpisodes: true));
    }

    /// <summary>The user's own (or collaborative) playlist, or writes 404/403.</summary>
    private async Task<FakePlaylist?> EditablePlaylist(HttpContext ctx)
    {
        if (FindPlaylist(ctx) is not { } p)
        {
            await Http.NotFound(ctx);
            return null;
        }

        bool editable;
        lock (Lib.SyncRoot)
        {
            editable = p.IsEditableBy(Lib.Me);
        }

        if (!editable)
        {
            await Http.Forbidden(ctx);
            return null;
        }

        return p;
    }

    private async Task ChangeDetails(HttpContext ctx)
    {
        if (!await Auth(ctx, PlaylistModify) || await EditablePlaylist(ctx) is not { } p)
        {
            return;
        }

        if (await Body(ctx) is not JsonObject body)
        {
            await Http.Error(ctx, 400, "Error parsing JSON.");
            return;
        }

        server.Mutations.ChangeDetails(
            p.Id,
            body["name"]?.GetValue<string>(),
            body["description"]?.GetValue<string>(),
            body["public"] is JsonValue pub ? pub.GetValue<bool>() : null,
            body["collaborative"] is JsonValue col ? col.GetValue<bool>() : null);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentLength = 0;
    }

    private static string[] QueryUris(HttpContext ctx) =>
        ctx.Request.Query["uris"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task<List<FakePlayable>?> Resolve(HttpContext ctx, IReadOnlyList<string> uris)
    {
        if (uris.Count > 100)
        {
            await Http.Error(ctx, 400, "You can add a maximum of 100 tracks per request.");
            return null;
        }

        var items = new List<FakePlayable>();
        lock (Lib.SyncRoot)
        {
            foreach (var uri in uris)
            {
                if (Lib.FindPlayable(uri) is not { } found)
                {
                    items = null;
                    break;
                }

                items.Add(found);
            }
        }

        if (items is null)
        {
            await Http.Error(ctx, 400, "Invalid track uri: " + uris.FirstOrDefault(u => Lib.FindPlayable(u) is null));
        }

        return items;
    }

    private async Task AddItems(HttpContext ctx)
    {
        if (!await Auth(ctx, PlaylistModify) || await EditablePlaylist(ctx) is not { } p)
        {
            return;
        }

        var uris = QueryUris(ctx);
        int? position = Http.TryInt(ctx, "position", out var qp) ? qp : null;
        var body = await Body(ctx) as JsonObject;
        if (uris.Length == 0 && body?["uris"] is JsonArray arr)
        {
            uris = arr.Select(n => n?.GetValue<string>() ?? string.Empty).ToArray();
        }

        if (position is null && body?["position"] is JsonValue bp)
        {
            position = bp.GetValue<int>();
        }

        if (uris.Length == 0)
        {
            await Http.Error(ctx, 400, "No uris provided");
            return;
        }

        if (await Resolve(ctx, uris) is not { } items)
        {
            return;
        }

        if (position is < 0 || position > p.Entries.Count)
        {
            await Http.Error(ctx, 400, "Index out of bounds");
            return;
        }

        await Snapshot(ctx, 201, server.Mutations.AddItems(p.Id, items, position));
    }

    private async Task UpdateItems(HttpContext ctx)
    {
        if (!await Auth(ctx, PlaylistModify) || await EditablePlaylist(ctx) is not { } p)
        {
            return;
        }

        var body = await Body(ctx) as JsonObject;
        var uris = QueryUris(ctx);
        if (uris.Length == 0 && body?["uris"] is JsonArray arr)
        {
            uris = arr.Select(n => n?.GetValue<string>() ?? string.Empty).ToArray();
        }

        if (body?["range_start"] is JsonValue rs && body["insert_before"] is JsonValue ib)
        {
            var length = body["range_length"] is JsonValue rl ? rl.GetValue<int>() : 1;
            var start = rs.GetValue<int>();
            var before = ib.GetValue<int>();
            int count;
            lock (Lib.SyncRoot)
            {
                count = p.Entries.Count;
            }

            if (start < 0 || length < 1 || start + length > count || before < 0 || before > count)
            {
                await Http.Error(ctx, 400, "Index out of bounds");
                return;
            }

            await Snapshot(ctx, 200, server.Mutations.Move(p.Id, start, before, length));
            return;
        }

        if (uris.Length == 0 && body?["uris"] is null && !ctx.Request.Query.ContainsKey("uris"))
        {
            await Http.Error(ctx, 400, "Missing range_start/insert_before or uris");
            return;
        }

        if (await Resolve(ctx, uris) is not { } items)
        {
            return;
        }

        await Snapshot(ctx, 200, server.Mutations.Replace(p.Id, items));
    }

    private async Task RemoveItems(HttpContext ctx)
    {
        if (!await Auth(ctx, PlaylistModify) || await EditablePlaylist(ctx) is not { } p)
        {
            return;
        }

        // 2026: {"items":[{"uri":...}]}; legacy: {"tracks":[{"uri":...}]}.
        var body = await Body(ctx) as JsonObject;
        var list = (body?["items"] ?? body?["tracks"]) as JsonArray;
        if (list is null || list.Count == 0)
        {
            await Http.Error(ctx, 400, "Missing items");
            return;
        }

        if (list.Count > 100)
        {
            await Http.Error(ctx, 400, "You can remove a maximum of 100 tracks per request.");
            return;
        }

        var uris = list.Select(n => n?["uri"]?.GetValue<string>() ?? string.Empty).ToArray();
        await Snapshot(ctx, 200, server.Mutations.RemoveUris(p.Id, uris));
    }
}
