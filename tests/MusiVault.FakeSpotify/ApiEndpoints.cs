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
}
