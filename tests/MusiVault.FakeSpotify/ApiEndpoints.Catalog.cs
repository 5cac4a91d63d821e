using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MusiVault.FakeSpotify;

/// <summary>The read side for catalog objects: audio features, single tracks, albums, artists, episodes, shows, and image bytes.</summary>
internal sealed partial class ApiEndpoints
{
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
