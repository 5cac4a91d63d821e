using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MusiVault.FakeSpotify;

/// <summary>The read side for playlists: the playlist object, its items and its images.</summary>
internal sealed partial class ApiEndpoints
{
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
}
