using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MusiVault.FakeSpotify;

/// <summary>
/// /_fake/*: drive the fake from another process (the demo, benchmarks, Pester). No auth, not logged or counted.
/// </summary>
internal sealed class ControlEndpoints(FakeSpotifyServer server)
{
    public void Map(WebApplication app)
    {
        app.MapPost("/_fake/mutate", Mutate);
        app.MapGet("/_fake/stats", Stats);
        app.MapPost("/_fake/reset-stats", ResetStats);
        app.MapPost("/_fake/faults", SetFaults);
        app.MapPost("/_fake/refresh-token", RefreshToken);
        app.MapGet("/_fake/library/summary", Summary);
    }

    private async Task Mutate(HttpContext ctx)
    {
        var scenario = ctx.Request.Query["scenario"].ToString();
        if (scenario == "playlists")
        {
            var count = int.TryParse(ctx.Request.Query["count"], out var n) ? n : 5;
            var changed = server.Mutations.ChangePlaylists(count);
            await Http.WriteJson(ctx, 200, w =>
            {
                w.WriteStartObject();
                Strings(w, "changedPlaylistIds", changed);
                w.WriteEndObject();
            });
            return;
        }
        if (scenario is not ("demo" or ""))
        {
            await Http.OAuthError(ctx, 400, "unknown_scenario", "Known scenarios: demo, playlists (count=N)");
            return;
        }

        DemoMutationResult r;
        try
        {
            r = server.Mutations.ApplyDemoScenario();
        }
        catch (InvalidOperationException e)
        {
            await Http.OAuthError(ctx, 409, "not_applicable", e.Message);
            return;
        }

        await Http.WriteJson(ctx, 200, w =>
        {
            w.WriteStartObject();
            Strings(w, "unlikedTrackIds", r.UnlikedTrackIds);
            Strings(w, "likedTrackIds", r.LikedTrackIds);
            w.WriteString("renamedPlaylistId", r.RenamedPlaylistId);
            w.WriteString("renamedFrom", r.RenamedFrom);
            w.WriteString("renamedTo", r.RenamedTo);
            w.WriteString("editedPlaylistId", r.EditedPlaylistId);
            Strings(w, "addedUris", r.AddedUris);
            Strings(w, "removedUris", r.RemovedUris);
            w.WriteString("deletedPlaylistId", r.DeletedPlaylistId);
            w.WriteString("unavailableTrackId", r.UnavailableTrackId);
            w.WriteNumber("newPlays", r.NewPlays);
            w.WriteEndObject();
        });
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private async Task Stats(HttpContext ctx)
    {
        var log = server.Requests;
        await Http.WriteJson(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("total", log.Total);
            w.WriteNumber("maxConcurrent", log.MaxConcurrent);
            w.WriteNumber("inFlight", log.InFlight);
            w.WriteStartObject("routes");
            foreach (var kv in log.Counts)
            {
                w.WriteNumber(kv.Key, kv.Value);
            }

            w.WriteEndObject();
            w.WriteStartObject("statuses");
            foreach (var g in log.Snapshot().GroupBy(r => r.StatusCode).OrderBy(g => g.Key))
            {
                w.WriteNumber(g.Key.ToString(CultureInfo.InvariantCulture), g.Count());
            }

            w.WriteEndObject();
            w.WriteNumber("pendingFaults", server.Faults.Pending);
            w.WriteNumber("latencyMs", server.Faults.LatencyMs);
            // Writes (every /v1 request but GET): restore tests count them (-WhatIf must make none).
            w.WriteNumber("writes", log.Snapshot().Count(r => r.Method != "GET" && r.PathAndQuery.StartsWith("/v1/", StringComparison.Ordinal)));
            w.WriteEndObject();
        });
    }

    private async Task ResetStats(HttpContext ctx)
    {
        server.Requests.ResetCounts();
        ctx.Response.StatusCode = 204;
        await Task.CompletedTask;
    }

    /// <summary>
    /// Query parameters, all optional: latencyMs, audioFeatures=true|false, expireTokens=true, revokeRefreshTokens=true,
    /// clear=true, and one fault: fault=429|500|502|503|truncate|drop|expire|empty-object|null-body|no-items|
    /// wrong-items|wrong-elements|not-json|wrong-total|self-loop|endless with count (1), skip (0), route,
    /// retryAfter (1), body=empty|json|quota (for 429), delta (100, for wrong-total).
    /// </summary>
    private async Task SetFaults(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        var faults = server.Faults;
        if (q["clear"] == "true")
        {
            faults.Clear();
        }

        if (Http.TryInt(ctx, "latencyMs", out var latency) && latency is { } ms)
        {
            faults.LatencyMs = ms;
        }

        if (q.ContainsKey("audioFeatures"))
        {
            faults.AudioFeaturesAllowed = q["audioFeatures"] == "true";
        }

        if (q["expireTokens"] == "true")
        {
            faults.ExpireAccessTokens();
        }

        if (q["revokeRefreshTokens"] == "true")
        {
            faults.RevokeRefreshTokens();
        }

        var count = Http.TryInt(ctx, "count", out var c) && c is { } n ? n : 1;
        var route = q["route"].ToString() is { Length: > 0 } r ? r : null;
        var retryAfter = Http.TryInt(ctx, "retryAfter", out var ra) && ra is { } s ? s : 1;
        var skip = Http.TryInt(ctx, "skip", out var sk) && sk is { } k ? k : 0;
        switch (q["fault"].ToString())
        {
            case "":
                break;
            case "429":
                var body = q["body"].ToString() switch
                {
                    "json" => RateLimitBody.Json,
                    "quota" => RateLimitBody.QuotaExceeded,
                    _ => RateLimitBody.Empty,
                };
                faults.TooManyRequests(count, retryAfter, body, route, skip);
                break;
            case "500" or "502" or "503":
                faults.ServerError(count, int.Parse(q["fault"].ToString(), CultureInfo.InvariantCulture), route, skip);
                break;
            case "truncate":
                faults.TruncatedJson(count, route, skip);
                break;
            case "drop":
                faults.DropConnection(count, route, skip);
                break;
            case "applied-drop":
                faults.DropAfterApply(count, route, skip);
                break;
            case "expire":
                faults.ExpireAccessTokensAt(skip, route);
                break;
            case "empty-object" or "null-body" or "no-items" or "wrong-items" or "wrong-elements" or "not-json":
                faults.Malformed(q["fault"].ToString() switch
                {
                    "empty-object" => MalformedBody.EmptyObject,
                    "null-body" => MalformedBody.Null,
                    "no-items" => MalformedBody.NoItems,
                    "wrong-items" => MalformedBody.WrongTypedItems,
                    "wrong-elements" => MalformedBody.WrongTypedElements,
                    _ => MalformedBody.NotJson,
                }, count, route, skip);
                break;
            case "wrong-total":
                faults.WrongTotal(Http.TryInt(ctx, "delta", out var d) && d is { } delta ? delta : 100, count, route, skip);
                break;
            case "self-loop":
                faults.SelfLoopNext(count, route, skip);
                break;
            case "endless":
                faults.EndlessChain(count, route, skip);
                break;
            default:
                await Http.OAuthError(ctx, 400, "unknown_fault", "fault must be 429, 500, 502, 503, truncate, drop, applied-drop, expire, empty-object, null-body, no-items, wrong-items, wrong-elements, not-json, wrong-total, self-loop or endless");
                return;
        }

        await Http.WriteJson(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("pendingFaults", faults.Pending);
            w.WriteNumber("latencyMs", faults.LatencyMs);
            w.WriteBoolean("audioFeaturesAllowed", faults.AudioFeaturesAllowed);
            w.WriteEndObject();
        });
    }

    private async Task RefreshToken(HttpContext ctx)
    {
        var scopes = ctx.Request.Query["scope"].ToString();
        var token = server.IssueRefreshToken(scopes.Length > 0 ? scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries) : null);
        await Http.WriteJson(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("refreshToken", token);
            w.WriteString("clientId", server.ClientId);
            w.WriteEndObject();
        });
    }

    private async Task Summary(HttpContext ctx)
    {
        LibrarySummary s;
        lock (server.Library.SyncRoot)
        {
            s = server.Library.Summarize();
        }

        await Http.WriteJson(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("likedTracks", s.LikedTracks);
            w.WriteNumber("playlists", s.Playlists);
            w.WriteNumber("playlistEntries", s.PlaylistEntries);
            w.WriteNumber("savedAlbums", s.SavedAlbums);
            w.WriteNumber("savedShows", s.SavedShows);
            w.WriteNumber("savedEpisodes", s.SavedEpisodes);
            w.WriteNumber("followedArtists", s.FollowedArtists);
            w.WriteNumber("recentlyPlayed", s.RecentlyPlayed);
            w.WriteNumber("catalogTracks", s.CatalogTracks);
            w.WriteNumber("version", s.Version);
            w.WriteBoolean("legacyShapes", server.LegacyShapes);
            w.WriteEndObject();
        });
    }
}
