using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MusiVault.FakeSpotify;

/// <summary>The read side for the user and their library: profile, saved collections, followed artists, top items, recently played.</summary>
internal sealed partial class ApiEndpoints
{
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
}
