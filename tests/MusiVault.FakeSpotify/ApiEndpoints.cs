using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MusiVault.FakeSpotify;

/// <summary>The read side of the Web API under /v1 (Bearer required), with Spotify's paging, cursors and errors.</summary>
internal sealed partial class ApiEndpoints(FakeSpotifyServer server)
{
    private const int MaxLimit = 50;
    private const int LegacyPlaylistTracksMaxLimit = 100;

    private FakeLibrary Lib => server.Library;

    public void Map(WebApplication app)
    {
        app.MapGet("/v1/me", Me);
        app.MapGet("/v1/me/tracks", MeTracks);
        app.MapGet("/v1/me/playlists", MePlaylists);
        app.MapGet("/v1/me/albums", MeAlbums);
        app.MapGet("/v1/me/shows", MeShows);
        app.MapGet("/v1/me/episodes", MeEpisodes);
        app.MapGet("/v1/me/following", MeFollowing);
        app.MapGet("/v1/me/top/artists", ctx => Top(ctx, artists: true));
        app.MapGet("/v1/me/top/tracks", ctx => Top(ctx, artists: false));
        app.MapGet("/v1/me/player/recently-played", RecentlyPlayed);
        app.MapGet("/v1/playlists/{id}", Playlist);
        app.MapGet("/v1/playlists/{id}/items", ctx => PlaylistItems(ctx, legacyTracksRoute: false));
        app.MapGet("/v1/playlists/{id}/tracks", ctx => PlaylistItems(ctx, legacyTracksRoute: true));
        app.MapGet("/v1/playlists/{id}/images", PlaylistImages);
        app.MapGet("/v1/audio-features", AudioFeatures);
        app.MapGet("/v1/audio-features/{id}", AudioFeatures);
        app.MapGet("/v1/tracks/{id}", OneTrack);
        app.MapGet("/v1/albums/{id}", OneAlbum);
        app.MapGet("/v1/artists/{id}", OneArtist);
        app.MapGet("/v1/episodes/{id}", OneEpisode);
        app.MapGet("/v1/shows/{id}", OneShow);
        app.MapGet("/v1/users/{id}", User);

        // Removed for Development-Mode apps in February 2026 (batch GETs, other users' data, per-type save endpoints).
        foreach (var path in new[] { "/v1/tracks", "/v1/albums", "/v1/artists", "/v1/episodes", "/v1/shows", "/v1/users/{id}/playlists", "/v1/artists/{id}/top-tracks", "/v1/artists/{id}/related-artists", "/v1/recommendations", "/v1/browse/new-releases", "/v1/browse/featured-playlists" })
        {
            app.MapGet(path, Removed);
        }

        MapModify(app);
        app.MapFallback("/v1/{**rest}", ctx => Http.Error(ctx, 404, "Service not found"));
        app.MapGet("/_img/{file}", Image);
    }

    private async Task Removed(HttpContext ctx)
    {
        if (await Auth(ctx, null))
        {
            await Http.Forbidden(ctx);
        }
    }

    // ---- auth and paging ----

    /// <summary>Checks the Bearer token (and a scope when given); writes the 401/403 and returns false when it fails.</summary>
    private async Task<bool> Auth(HttpContext ctx, string? scope)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await Http.Error(ctx, 401, "No token provided");
            return false;
        }

        var check = server.Accounts.CheckAccessToken(header[7..].Trim());
        switch (check.Status)
        {
            case AccessStatus.Invalid:
                ctx.Response.Headers.WWWAuthenticate = "Bearer realm=\"spotify\", error=\"invalid_token\", error_description=\"Invalid access token\"";
                await Http.Error(ctx, 401, "Invalid access token");
                return false;
            case AccessStatus.Expired:
                ctx.Response.Headers.WWWAuthenticate = "Bearer realm=\"spotify\", error=\"invalid_token\", error_description=\"The access token expired\"";
                await Http.Error(ctx, 401, "The access token expired");
                return false;
        }

        if (scope is not null && server.Options.EnforceScopes && !scope.Split('|').Any(s => check.Scopes!.Contains(s)))
        {
            await Http.Error(ctx, 403, "Insufficient client scope");
            return false;
        }

        return true;
    }

    private readonly record struct Page(int Offset, int Limit);

    private static async Task<Page?> Paging(HttpContext ctx, int maxLimit)
    {
        if (!Http.TryInt(ctx, "limit", out var limit) || limit is < 1 || limit > maxLimit)
        {
            await Http.Error(ctx, 400, "Invalid limit");
            return null;
        }

        if (!Http.TryInt(ctx, "offset", out var offset) || offset is < 0)
        {
            await Http.Error(ctx, 400, "Invalid offset");
            return null;
        }

        return new Page(offset ?? 0, limit ?? 20);
    }

    private string Url(HttpContext ctx, string path, int offset, int limit) =>
        Http.PageUrl(ctx, server.ApiBaseUrl + path, [new("offset", offset.ToString(CultureInfo.InvariantCulture)), new("limit", limit.ToString(CultureInfo.InvariantCulture))], ["offset", "limit"]);

    /// <summary>A paging object: href, items, limit, next, offset, previous, total (absolute URLs, null at the ends).</summary>
    private void OffsetPage<T>(Utf8JsonWriter w, HttpContext ctx, string path, Page page, IReadOnlyList<T> all, Action<Utf8JsonWriter, T> item, string? name = null)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteString("href", Url(ctx, path, page.Offset, page.Limit));
        w.WriteStartArray("items");
        for (var i = page.Offset; i < all.Count && i < page.Offset + page.Limit; i++)
        {
            item(w, all[i]);
        }

        w.WriteEndArray();
        w.WriteNumber("limit", page.Limit);
        if (page.Offset + page.Limit < all.Count)
        {
            w.WriteString("next", Url(ctx, path, page.Offset + page.Limit, page.Limit));
        }
        else
        {
            w.WriteNull("next");
        }

        w.WriteNumber("offset", page.Offset);
        if (page.Offset > 0)
        {
            w.WriteString("previous", Url(ctx, path, Math.Max(0, page.Offset - page.Limit), page.Limit));
        }
        else
        {
            w.WriteNull("previous");
        }

        w.WriteNumber("total", all.Count);
        w.WriteEndObject();
    }

    /// <summary>Serialises under the library lock, writes outside it.</summary>
    private async Task Respond(HttpContext ctx, int status, Action<Utf8JsonWriter, SpotifyJson> write)
    {
        var json = server.Json(ctx);
        byte[] body;
        lock (Lib.SyncRoot)
        {
            body = Http.Serialize(w => write(w, json));
        }

        await Http.WriteBytes(ctx, status, body);
    }

    private async Task PagedResponse<T>(HttpContext ctx, string? scope, string path, Func<IReadOnlyList<T>> list, Action<Utf8JsonWriter, SpotifyJson, T> item, int maxLimit = MaxLimit)
    {
        if (!await Auth(ctx, scope) || await Paging(ctx, maxLimit) is not { } page)
        {
            return;
        }

        await Respond(ctx, 200, (w, j) => OffsetPage(w, ctx, path, page, list(), (w2, x) => item(w2, j, x)));
    }

    // ---- user and library ----

    private async Task Me(HttpContext ctx)
    {
        if (await Auth(ctx, null))
        {
            await Respond(ctx, 200, (w, j) => j.PrivateUser(w, Lib));
        }
    }

    private async Task User(HttpContext ctx)
    {
        if (!await Auth(ctx, null))
        {
            return;
        }

        var id = (string)ctx.Request.RouteValues["id"]!;
        if (!server.LegacyShapes)
        {
            await Http.Forbidden(ctx);
            return;
        }

        if (!Lib.Users.TryGetValue(id, out var user))
        {
            await Http.NotFound(ctx);
            return;
        }

        await Respond(ctx, 200, (w, j) => j.PlaylistUser(w, null, user, withDisplayName: true));
    }

    private Task MeTracks(HttpContext ctx) =>
        PagedResponse(ctx, "user-library-read", "/me/tracks", () => Lib.LikedTracks, (w, j, s) =>
        {
            w.WriteStartObject();
            w.WriteString("added_at", SpotifyJson.Timestamp(s.AddedAt));
            j.Track(w, "track", s.Item);
            w.WriteEndObject();
        });

    private Task MePlaylists(HttpContext ctx) =>
        PagedResponse(ctx, null, "/me/playlists", () => Lib.Playlists, (w, j, p) => j.SimplifiedPlaylist(w, p));

    private Task MeAlbums(HttpContext ctx) =>
        PagedResponse(ctx, "user-library-read", "/me/albums", () => Lib.SavedAlbums, (w, j, s) =>
        {
            w.WriteStartObject();
            w.WriteString("added_at", SpotifyJson.Timestamp(s.AddedAt));
            w.WritePropertyName("album");
            j.FullAlbum(w, s.Item);
            w.WriteEndObject();
        });

    private Task MeShows(HttpContext ctx) =>
        PagedResponse(ctx, "user-library-read", "/me/shows", () => Lib.SavedShows, (w, j, s) =>
        {
            w.WriteStartObject();
            w.WriteString("added_at", SpotifyJson.Timestamp(s.AddedAt));
            j.SimplifiedShow(w, "show", s.Item);
            w.WriteEndObject();
        });

    private Task MeEpisodes(HttpContext ctx) =>
        PagedResponse(ctx, "user-library-read", "/me/episodes", () => Lib.SavedEpisodes, (w, j, s) =>
        {
            w.WriteStartObject();
            w.WriteString("added_at", SpotifyJson.Timestamp(s.AddedAt));
            j.Episode(w, "episode", s.Item);
            w.WriteEndObject();
        });

    private async Task MeFollowing(HttpContext ctx)
    {
        if (!await Auth(ctx, "user-follow-read"))
        {
            return;
        }

        if (ctx.Request.Query["type"] != "artist")
        {
            await Http.Error(ctx, 400, "Invalid type");
            return;
        }

        if (!Http.TryInt(ctx, "limit", out var limitOpt) || limitOpt is < 1 || limitOpt > MaxLimit)
        {
            await Http.Error(ctx, 400, "Invalid limit");
            return;
        }

        var limit = limitOpt ?? 20;
        var after = ctx.Request.Query["after"].ToString();
        await Respond(ctx, 200, (w, j) =>
        {
            var all = Lib.FollowedArtists;
            var start = 0;
            if (after.Length > 0)
            {
                var at = all.FindIndex(a => a.Id == after);
                start = at < 0 ? all.Count : at + 1;
            }

            var items = all.Skip(start).Take(limit).ToList();
            var more = start + items.Count < all.Count;
            w.WriteStartObject();
            w.WriteStartObject("artists");
            w.WriteStartArray("items");
            foreach (var a in items)
            {
                j.Artist(w, a);
            }

            w.WriteEndArray();
            var lastId = items.Count > 0 ? items[^1].Id : null;
            if (more && lastId is not null)
            {
                w.WriteString("next", Http.PageUrl(ctx, server.ApiBaseUrl + "/me/following", [new("type", "artist"), new("after", lastId), new("limit", limit.ToString(CultureInfo.InvariantCulture))], ["type", "after", "limit"]));
            }
            else
            {
                w.WriteNull("next");
            }

            w.WriteNumber("total", all.Count);
            w.WriteStartObject("cursors");
            if (more && lastId is not null)
            {
                w.WriteString("after", lastId);
            }
            else
            {
                w.WriteNull("after");
            }

            w.WriteEndObject();
            w.WriteNumber("limit", limit);
            w.WriteString("href", Http.PageUrl(ctx, server.ApiBaseUrl + "/me/following", [new("type", "artist")], ["type"]));
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private async Task Top(HttpContext ctx, bool artists)
    {
        var range = ctx.Request.Query["time_range"].ToString();
        if (range.Length == 0)
        {
            range = TimeRanges.MediumTerm;
        }

        if (!TimeRanges.All.Contains(range))
        {
            if (await Auth(ctx, "user-top-read"))
            {
                await Http.Error(ctx, 400, "Invalid time range");
            }

            return;
        }

        if (artists)
        {
            await PagedResponse(ctx, "user-top-read", "/me/top/artists", () => Lib.TopArtists.GetValueOrDefault(range) ?? [], (w, j, a) => j.Artist(w, a));
        }
        else
        {
            await PagedResponse(ctx, "user-top-read", "/me/top/tracks", () => Lib.TopTracks.GetValueOrDefault(range) ?? [], (w, j, t) => j.Track(w, null, t));
        }
    }

    private async Task RecentlyPlayed(HttpContext ctx)
    {
        if (!await Auth(ctx, "user-read-recently-played"))
        {
            return;
        }

        if (!Http.TryInt(ctx, "limit", out var limitOpt) || limitOpt is < 1 || limitOpt > MaxLimit)
        {
            await Http.Error(ctx, 400, "Invalid limit");
            return;
        }

        if (!Http.TryLong(ctx, "after", out var after) || !Http.TryLong(ctx, "before", out var before))
        {
            await Http.Error(ctx, 400, "Invalid cursor");
            return;
        }

        if (after is not null && before is not null)
        {
            await Http.Error(ctx, 400, "Only one of after or before can be specified");
            return;
        }

        var limit = limitOpt ?? 20;
        await Respond(ctx, 200, (w, j) =>
        {
            var all = Lib.RecentlyPlayed; // newest first
            List<FakePlay> items;
            if (after is { } a)
            {
                // The plays just after the cursor, still listed newest first.
                items = all.Where(p => p.PlayedAt.ToUnixTimeMilliseconds() > a).TakeLast(limit).ToList();
            }
            else if (before is { } b)
            {
                items = all.Where(p => p.PlayedAt.ToUnixTimeMilliseconds() < b).Take(limit).ToList();
            }
            else
            {
                items = all.Take(limit).ToList();
            }

            w.WriteStartObject();
            w.WriteStartArray("items");
            foreach (var play in items)
            {
                w.WriteStartObject();
                j.Track(w, "track", play.Track);
                w.WriteString("played_at", SpotifyJson.TimestampMs(play.PlayedAt));
                Context(w, j, play.ContextUri);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            var oldest = items.Count > 0 ? items[^1].PlayedAt.ToUnixTimeMilliseconds() : (long?)null;
            var older = oldest is { } o && all.Exists(p => p.PlayedAt.ToUnixTimeMilliseconds() < o);
            if (older)
            {
                w.WriteString("next", Http.PageUrl(ctx, server.ApiBaseUrl + "/me/player/recently-played", [new("before", oldest!.Value.ToString(CultureInfo.InvariantCulture)), new("limit", limit.ToString(CultureInfo.InvariantCulture))], ["before", "after", "limit"]));
            }
            else
            {
                w.WriteNull("next");
            }

            if (items.Count > 0)
            {
                w.WriteStartObject("cursors");
                w.WriteString("after", items[0].PlayedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                w.WriteString("before", oldest!.Value.ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("cursors");
            }

            w.WriteNumber("limit", limit);
            w.WriteString("href", Http.PageUrl(ctx, server.ApiBaseUrl + "/me/player/recently-played", [], []));
            w.WriteEndObject();
        });
    }

    private static void Context(Utf8JsonWriter w, SpotifyJson j, string? uri)
    {
        if (uri is null)
        {
            w.WriteNull("context");
            return;
        }

        var parts = uri.Split(':');
        w.WriteStartObject("context");
        w.WriteString("type", parts[1]);
        w.WriteString("href", $"{j.Api}/{parts[1]}s/{parts[2]}");
        w.WriteStartObject("external_urls");
        w.WriteString("spotify", $"https://open.spotify.com/{parts[1]}/{parts[2]}");
        w.WriteEndObject();
        w.WriteString("uri", uri);
        w.WriteEndObject();
    }

    // ---- playlists ----

    private FakePlaylist? FindPlaylist(HttpContext ctx)
    {
        var id = (string)ctx.Request.RouteValues["id"]!;
        lock (Lib.SyncRoot)
        {
            return Lib.AllPlaylists.GetValueOrDefault(id);
        }
    }

    private static bool EpisodesAsEpisodes(HttpContext ctx) =>
        ctx.Request.Query["additional_types"].ToString().Split(',').Contains("episode", StringComparer.Ordinal);

    private async Task Playlist(HttpContext ctx)
    {
        if (!await Auth(ctx, null))
        {
            return;
        }

        if (FindPlaylist(ctx) is not { } p)
        {
            await Http.NotFound(ctx);
            return;
        }

        // 2026 Development Mode: the entries of playlists the user neither owns nor collaborates on are withheld.
        var withEntries = server.LegacyShapes || p.IsEditableBy(Lib.Me);
        var episodes = EpisodesAsEpisodes(ctx);
        await Respond(ctx, 200, (w, j) => j.FullPlaylist(w, p, withEntries, episodes));
    }

    private async Task PlaylistItems(HttpContext ctx, bool legacyTracksRoute)
    {
        if (!await Auth(ctx, null))
        {
            return;
        }

        if (legacyTracksRoute && !server.LegacyShapes)
        {
            await Http.Forbidden(ctx);
            return;
        }

        if (FindPlaylist(ctx) is not { } p)
        {
            await Http.NotFound(ctx);
            return;
        }

        if (!server.LegacyShapes && !p.IsEditableBy(Lib.Me))
        {
            await Http.Forbidden(ctx);
            return;
        }

        if (await Paging(ctx, legacyTracksRoute ? LegacyPlaylistTracksMaxLimit : MaxLimit) is not { } page)
        {
            return;
        }

        var episodes = EpisodesAsEpisodes(ctx);
        var path = $"/playlists/{p.Id}/{(legacyTracksRoute ? "tracks" : "items")}";
        await Respond(ctx, 200, (w, j) => OffsetPage(w, ctx, path, page, p.Entries, (w2, e) => j.PlaylistEntry(w2, e, episodes)));
    }

    private async Task PlaylistImages(HttpContext ctx)
    {
        if (!await Auth(ctx, null))
        {
            return;
        }

        if (FindPlaylist(ctx) is not { } p)
        {
            await Http.NotFound(ctx);
            return;
        }

        await Respond(ctx, 200, (w, j) =>
        {
            w.WriteStartArray();
            foreach (var image in p.Images)
            {
                j.Image(w, image);
            }

            w.WriteEndArray();
        });
    }

    // ---- catalog ----

    private async Task AudioFeatures(HttpContext ctx)
    {
        if (!await Auth(ctx, null))
        {
            return;
        }

        if (!server.Faults.AudioFeaturesAllowed)
        {
            await Http.Forbidden(ctx);
            return;
        }

        var single = ctx.Request.RouteValues["id"] as string;
        var ids = single is not null ? [single] : ctx.Request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length is 0 or > 100)
        {
            await Http.Error(ctx, 400, "Invalid ids");
            return;
        }

        await Respond(ctx, 200, (w, j) =>
        {
            if (single is null)
            {
                w.WriteStartObject();
                w.WriteStartArray("audio_features");
            }

            foreach (var id in ids)
            {
                if (Lib.Tracks.TryGetValue(id, out var t))
                {
                    WriteFeatures(w, j, t);
                }
                else
                {
                    w.WriteNullValue();
                }
            }

            if (single is null)
            {
                w.WriteEndArray();
                w.WriteEndObject();
            }
        });
    }

    private static void WriteFeatures(Utf8JsonWriter w, SpotifyJson j, FakeTrack t)
    {
        // Derived from the id so the same track always has the same features.
        var seed = 0;
        foreach (var c in t.Id!)
        {
            seed = (seed * 31) + c;
        }

        var r = new Random(seed);
        w.WriteStartObject();
        w.WriteNumber("acousticness", Math.Round(r.NextDouble(), 4));
        w.WriteString("analysis_url", $"{j.Api}/audio-analysis/{t.Id}");
        w.WriteNumber("danceability", Math.Round(r.NextDouble(), 3));
        w.WriteNumber("duration_ms", t.DurationMs);
        w.WriteNumber("energy", Math.Round(r.NextDouble(), 3));
        w.WriteString("id", t.Id);
        w.WriteNumber("instrumentalness", Math.Round(r.NextDouble() / 10, 5));
        w.WriteNumber("key", r.Next(-1, 12));
        w.WriteNumber("liveness", Math.Round(r.NextDouble(), 3));
        w.WriteNumber("loudness", Math.Round(-30 + (r.NextDouble() * 30), 3));
        w.WriteNumber("mode", r.Next(2));
        w.WriteNumber("speechiness", Math.Round(r.NextDouble() / 3, 4));
        w.WriteNumber("tempo", Math.Round(60 + (r.NextDouble() * 120), 3));
        w.WriteNumber("time_signature", 4);
        w.WriteString("track_href", $"{j.Api}/tracks/{t.Id}");
        w.WriteString("type", "audio_features");
        w.WriteString("uri", t.Uri);
        w.WriteNumber("valence", Math.Round(r.NextDouble(), 3));
        w.WriteEndObject();
    }

    private async Task OneOf<T>(HttpContext ctx, Func<string, T?> find, Action<Utf8JsonWriter, SpotifyJson, T> write)
        where T : class
    {
        if (!await Auth(ctx, null))
        {
            return;
        }

        var id = (string)ctx.Request.RouteValues["id"]!;
        T? found;
        lock (Lib.SyncRoot)
        {
            found = find(id);
        }

        if (found is null)
        {
            await Http.Error(ctx, 400, "Invalid base62 id");
            return;
        }

        await Respond(ctx, 200, (w, j) => write(w, j, found));
    }

    private Task OneTrack(HttpContext ctx) => OneOf(ctx, id => Lib.Tracks.GetValueOrDefault(id), (w, j, t) => j.Track(w, null, t));

    private Task OneAlbum(HttpContext ctx) => OneOf(ctx, id => Lib.Albums.GetValueOrDefault(id), (w, j, a) => j.FullAlbum(w, a));

    private Task OneArtist(HttpContext ctx) => OneOf(ctx, id => Lib.Artists.GetValueOrDefault(id), (w, j, a) => j.Artist(w, a));

    private Task OneEpisode(HttpContext ctx) => OneOf(ctx, id => Lib.Episodes.GetValueOrDefault(id), (w, j, e) => j.Episode(w, null, e));

    private Task OneShow(HttpContext ctx) => OneOf(ctx, id => Lib.Shows.GetValueOrDefault(id), (w, j, s) => j.SimplifiedShow(w, null, s));

    /// <summary>Image URLs in the library point here: a few bytes of JPEG.</summary>
    private static async Task Image(HttpContext ctx)
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];
        ctx.Response.ContentType = "image/jpeg";
        ctx.Response.ContentLength = jpeg.Length;
        await ctx.Response.Body.WriteAsync(jpeg, ctx.RequestAborted);
    }
}
