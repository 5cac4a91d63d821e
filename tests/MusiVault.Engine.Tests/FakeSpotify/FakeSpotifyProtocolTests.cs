using System.Net;
using System.Text.Json;
using MusiVault.FakeSpotify;

namespace MusiVault.Engine.Tests.FakeSpotify;

public sealed class FakeSpotifyProtocolTests
{
    private static Task<FakeSpotifyServer> Start(bool legacy = false, int seed = 7) =>
        FakeSpotifyServer.StartAsync(new FakeSpotifyOptions { Seed = seed, Library = LibrarySpec.Small, LegacyShapes = legacy });

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [Fact]
    public async Task Liked_tracks_paged_by_next_equal_the_library_in_order()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);

        var items = await client.GetAll("/me/tracks?limit=50");

        var expected = fake.Library.LikedTracks.Select(s => s.Item.Id).ToList();
        Assert.Equal(expected, items.Select(i => Str(i.GetProperty("track"), "id")).ToList());
        Assert.Equal(
            fake.Library.LikedTracks.Select(s => s.AddedAt).ToList(),
            items.Select(i => DateTimeOffset.Parse(Str(i, "added_at")!, System.Globalization.CultureInfo.InvariantCulture)).ToList());
    }

    [Fact]
    public async Task Playlist_items_paged_by_next_equal_the_entries_including_nulls_local_files_and_episodes()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);
        var playlists = await client.GetAll("/me/playlists?limit=7");
        Assert.Equal(fake.Library.Playlists.Select(p => p.Id), playlists.Select(p => Str(p, "id")));

        var checkedEntries = 0;
        foreach (var p in fake.Library.Playlists.Where(p => p.IsEditableBy(fake.Library.Me)))
        {
            var entries = await client.GetAll($"/playlists/{p.Id}/items?limit=13&additional_types=track,episode");
            var uris = entries.Select(e => e.GetProperty("item").ValueKind == JsonValueKind.Null ? null : Str(e.GetProperty("item"), "uri")).ToList();
            Assert.Equal(p.Entries.Select(e => e.Item?.Uri).ToList(), uris);
            checkedEntries += uris.Count;
        }

        Assert.True(checkedEntries > 100);
    }

    [Fact]
    public async Task Limit_above_50_is_a_400_with_the_web_api_error_body()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);

        using var response = await client.Get("/me/tracks?limit=51");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await FakeSpotifyTestClient.Json(response)).GetProperty("error");
        Assert.Equal(400, error.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(Str(error, "message")));
        using var ok = await client.Get("/me/tracks?limit=50");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Pkce_code_with_the_wrong_verifier_is_invalid_grant_and_codes_are_single_use()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);
        const string redirect = "http://127.0.0.1:8765/callback";

        async Task<string> Authorize(string challenge)
        {
            var url = $"{fake.AccountsBaseUrl}/authorize?client_id={fake.ClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(redirect)}&state=xyz%20state&scope=user-library-read%20playlist-read-private&code_challenge_method=S256&code_challenge={challenge}";
            using var response = await client.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!.OriginalString;
            Assert.StartsWith(redirect + "?code=", location, StringComparison.Ordinal);
            Assert.EndsWith("&state=xyz%20state", location, StringComparison.Ordinal);
            return Uri.UnescapeDataString(location.Split("code=")[1].Split('&')[0]);
        }

        var (verifier, challenge) = FakeSpotifyTestClient.Pkce();
        var code = await Authorize(challenge);
        using (var wrong = await client.Token(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("client_id", fake.ClientId), ("code_verifier", FakeSpotifyTestClient.Pkce().Verifier)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Equal("invalid_grant", Str(await FakeSpotifyTestClient.Json(wrong), "error"));
        }

        code = await Authorize(challenge);
        using (var right = await client.Token(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("client_id", fake.ClientId), ("code_verifier", verifier)))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            var token = await FakeSpotifyTestClient.Json(right);
            Assert.Equal("Bearer", Str(token, "token_type"));
            Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
            Assert.Equal("user-library-read playlist-read-private", Str(token, "scope"));
            client.AccessToken = Str(token, "access_token")!;
            Assert.Equal(fake.Library.Me.Id, Str(await client.GetJson("/me"), "id"));
        }

        using var reused = await client.Token(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("client_id", fake.ClientId), ("code_verifier", verifier));
        Assert.Equal("invalid_grant", Str(await FakeSpotifyTestClient.Json(reused), "error"));

        using var badClient = await client.Token(("grant_type", "refresh_token"), ("refresh_token", fake.IssueRefreshToken()), ("client_id", "not-the-client"));
        Assert.Equal("invalid_client", Str(await FakeSpotifyTestClient.Json(badClient), "error"));
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_a_used_one_is_revoked()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);
        var first = fake.IssueRefreshToken();

        using var r1 = await client.Token(("grant_type", "refresh_token"), ("refresh_token", first), ("client_id", fake.ClientId));
        var t1 = await FakeSpotifyTestClient.Json(r1);
        var second = Str(t1, "refresh_token");
        Assert.False(string.IsNullOrEmpty(second));
        Assert.NotEqual(first, second);

        using var again = await client.Token(("grant_type", "refresh_token"), ("refresh_token", first), ("client_id", fake.ClientId));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var error = await FakeSpotifyTestClient.Json(again);
        Assert.Equal("invalid_grant", Str(error, "error"));
        Assert.Equal("Refresh token revoked", Str(error, "error_description"));

        using var r2 = await client.Token(("grant_type", "refresh_token"), ("refresh_token", second!), ("client_id", fake.ClientId));
        Assert.Equal(HttpStatusCode.OK, r2.StatusCode);

        fake.Faults.RevokeRefreshTokens();
        using var revoked = await client.Token(("grant_type", "refresh_token"), ("refresh_token", Str(await FakeSpotifyTestClient.Json(r2), "refresh_token")!), ("client_id", fake.ClientId));
        Assert.Equal("invalid_grant", Str(await FakeSpotifyTestClient.Json(revoked), "error"));
    }

    [Fact]
    public async Task Expired_and_unknown_access_tokens_get_401_with_spotify_messages()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/me")).StatusCode);

        fake.Faults.ExpireAccessTokens();
        using var expired = await client.Get("/me");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("The access token expired", Str((await FakeSpotifyTestClient.Json(expired)).GetProperty("error"), "message"));

        client.AccessToken = "garbage";
        using var invalid = await client.Get("/me");
        Assert.Equal("Invalid access token", Str((await FakeSpotifyTestClient.Json(invalid)).GetProperty("error"), "message"));
    }

    [Fact]
    public async Task Items_of_a_followed_playlist_owned_by_someone_else_are_403_in_2026_mode_only()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);
        var foreign = fake.Library.Playlists.First(p => !p.IsEditableBy(fake.Library.Me));
        var collaborative = fake.Library.Playlists.First(p => p.Collaborative && p.Owner.Id != fake.Library.Me.Id);

        using var forbidden = await client.Get($"/playlists/{foreign.Id}/items");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(403, (await FakeSpotifyTestClient.Json(forbidden)).GetProperty("error").GetProperty("status").GetInt32());
        using var allowed = await client.Get($"/playlists/{collaborative.Id}/items");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        fake.LegacyShapes = true;
        using var legacy = await client.Get($"/playlists/{foreign.Id}/tracks");
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
    }

    [Fact]
    public async Task Shapes_differ_between_2026_and_legacy_mode()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);
        var own = fake.Library.Playlists.First(p => p.IsEditableBy(fake.Library.Me) && p.Entries.Count > 0 && p.Entries[0].Item is FakeTrack { IsLocal: false });

        var simplified = (await client.GetJson("/me/playlists?limit=50")).GetProperty("items")[0];
        Assert.True(simplified.TryGetProperty("items", out _));
        Assert.False(simplified.TryGetProperty("tracks", out _));
        var entry = (await client.GetJson($"/playlists/{own.Id}/items?limit=1")).GetProperty("items")[0];
        Assert.True(entry.TryGetProperty("item", out var item));
        Assert.False(entry.TryGetProperty("track", out _));
        Assert.False(item.TryGetProperty("popularity", out _));
        Assert.False(item.TryGetProperty("available_markets", out _));
        var me = await client.GetJson("/me");
        Assert.False(me.TryGetProperty("email", out _));
        Assert.False(me.TryGetProperty("country", out _));
        Assert.False(me.TryGetProperty("product", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Get($"/playlists/{own.Id}/tracks")).StatusCode);

        fake.LegacyShapes = true;
        simplified = (await client.GetJson("/me/playlists?limit=50")).GetProperty("items")[0];
        Assert.True(simplified.TryGetProperty("tracks", out _));
        Assert.False(simplified.TryGetProperty("items", out _));
        entry = (await client.GetJson($"/playlists/{own.Id}/tracks?limit=100")).GetProperty("items")[0];
        Assert.True(entry.TryGetProperty("track", out item));
        Assert.False(entry.TryGetProperty("item", out _));
        Assert.True(item.TryGetProperty("popularity", out _));
        Assert.True((await client.GetJson("/me")).TryGetProperty("email", out _));
    }

    [Fact]
    public async Task A_429_carries_retry_after_and_an_empty_body_then_the_route_recovers()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);
        fake.Faults.TooManyRequests(count: 1, retryAfterSeconds: 3, route: "GET /v1/me/tracks");

        using var me = await client.Get("/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using var limited = await client.Get("/me/tracks");
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.Headers.RetryAfter!.Delta);
        Assert.Empty(await limited.Content.ReadAsByteArrayAsync());
        using var after = await client.Get("/me/tracks");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);

        Assert.Equal(2, fake.Requests.Count("GET /v1/me/tracks"));
        Assert.Equal(1, fake.Requests.Count("GET /v1/me"));

        fake.Faults.TooManyRequests(body: RateLimitBody.QuotaExceeded);
        using var quota = await client.Get("/me");
        Assert.Contains("QUOTA_EXCEEDED", await quota.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_truncated_json_and_dropped_connections_are_injected_once()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);

        fake.Faults.ServerError(statusCode: 503);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.Get("/me")).StatusCode);

        fake.Faults.TruncatedJson();
        using var truncated = await client.Get("/me");
        Assert.Equal(HttpStatusCode.OK, truncated.StatusCode);
        var text = await truncated.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));

        fake.Faults.DropConnection();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.Get("/me"));

        Assert.Equal(HttpStatusCode.OK, (await client.Get("/me")).StatusCode);
        Assert.Equal(0, fake.Faults.Pending);
    }

    [Fact]
    public async Task Removed_endpoints_and_audio_features_are_403()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);
        var trackId = fake.Library.LikedTracks[0].Item.Id;

        foreach (var path in new[] { $"/tracks?ids={trackId}", $"/albums?ids=x", "/artists?ids=x", $"/users/{fake.Library.Me.Id}", $"/users/{fake.Library.Me.Id}/playlists", $"/audio-features?ids={trackId}" })
        {
            using var response = await client.Get(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, path);
        }

        fake.Faults.AudioFeaturesAllowed = true;
        var features = await client.GetJson($"/audio-features?ids={trackId},nope");
        Assert.Equal(trackId, Str(features.GetProperty("audio_features")[0], "id"));
        Assert.Equal(JsonValueKind.Null, features.GetProperty("audio_features")[1].ValueKind);
    }

    [Fact]
    public void The_same_seed_gives_the_same_library_and_another_seed_a_different_one()
    {
        static string Fingerprint(FakeLibrary lib) => string.Join(
            "|",
            lib.LikedTracks.Select(s => s.Item.Id + s.Item.Name + s.AddedAt.ToUnixTimeSeconds())
                .Concat(lib.Playlists.Select(p => p.Id + p.Name + p.SnapshotId + string.Join(",", p.Entries.Select(e => e.Item?.Uri))))
                .Concat(lib.RecentlyPlayed.Select(p => p.Track.Id + p.PlayedAt.ToUnixTimeMilliseconds())));

        var a = Fingerprint(LibraryGenerator.Generate(7, LibrarySpec.Small));
        var b = Fingerprint(LibraryGenerator.Generate(7, LibrarySpec.Small));
        var c = Fingerprint(LibraryGenerator.Generate(8, LibrarySpec.Small));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void The_small_library_contains_every_awkward_case()
    {
        var lib = LibraryGenerator.Generate(7, LibrarySpec.Small);
        var me = lib.Me;
        var entries = lib.Playlists.SelectMany(p => p.Entries).ToList();

        Assert.InRange(lib.LikedTracks.Count, 250, 350);
        Assert.Equal(12, lib.Playlists.Count);
        Assert.Contains(entries, e => e.IsLocal);
        Assert.Contains(entries, e => e.Item is FakeEpisode);
        Assert.Contains(entries, e => e.Item is null);
        Assert.Contains(entries, e => e.AddedAt is null);
        Assert.Contains(lib.Playlists, p => p.Entries.Where(e => e.Item is not null).GroupBy(e => e.Item!.Uri).Any(g => g.Count() > 1));
        Assert.Contains(lib.Playlists, p => !p.IsEditableBy(me));
        Assert.Contains(lib.Playlists, p => p.Collaborative && p.Owner.Id != me.Id && p.IsEditableBy(me));
        Assert.Contains(lib.Playlists, p => p.Entries.Count == 0);
        Assert.Contains(lib.Playlists, p => p.Public is null);
        Assert.Contains(lib.Playlists, p => p.Name == "'; DROP TABLE tracks;--");
        Assert.Contains(lib.Playlists, p => p.Name == "100% _real_ [live]");
        Assert.Contains(lib.Playlists, p => p.Name.Any(ch => ch > 0x3000));
        Assert.Contains(lib.LikedTracks, s => s.Item.Artists.Count > 1);
        Assert.Contains(lib.Albums.Values, a => a.Images.Count > 1);
        Assert.Contains(lib.Tracks.Values, t => t.Name.Any(char.IsSurrogate) || t.Name.Any(ch => ch > 0x3000));
    }

    [Fact]
    public async Task Mutations_change_snapshot_ids_and_show_through_the_api()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);
        var before = await client.GetAll("/me/playlists?limit=50");
        var snapshots = before.ToDictionary(p => Str(p, "id")!, p => Str(p, "snapshot_id"));

        var result = fake.Mutations.ApplyDemoScenario();

        var after = await client.GetAll("/me/playlists?limit=50");
        Assert.DoesNotContain(after, p => Str(p, "id") == result.DeletedPlaylistId);
        var renamed = after.Single(p => Str(p, "id") == result.RenamedPlaylistId);
        Assert.Equal(result.RenamedTo, Str(renamed, "name"));
        Assert.NotEqual(snapshots[result.RenamedPlaylistId], Str(renamed, "snapshot_id"));
        Assert.NotEqual(snapshots[result.EditedPlaylistId], Str(after.Single(p => Str(p, "id") == result.EditedPlaylistId), "snapshot_id"));

        var liked = (await client.GetAll("/me/tracks?limit=50")).Select(i => i.GetProperty("track")).ToList();
        Assert.DoesNotContain(liked, t => result.UnlikedTrackIds.Contains(Str(t, "id")!));
        Assert.Equal(result.LikedTrackIds[0], Str(liked[0], "id"));
        Assert.False(liked.Single(t => Str(t, "id") == result.UnavailableTrackId).GetProperty("is_playable").GetBoolean());

        var played = await client.GetJson("/me/player/recently-played?limit=2");
        Assert.Equal(fake.Library.RecentlyPlayed[0].Track.Id, Str(played.GetProperty("items")[0].GetProperty("track"), "id"));
    }

    [Fact]
    public async Task Playlist_items_can_be_added_reordered_and_removed_over_http()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);
        var p = fake.Library.Playlists.First(p => p.Owner.Id == fake.Library.Me.Id && p.Entries.Count == 0);
        var t1 = fake.Library.LikedTracks[0].Item.Uri;
        var t2 = fake.Library.LikedTracks[1].Item.Uri;
        var ep = fake.Library.Episodes.Values.First().Uri;

        using var add = await client.Send(HttpMethod.Post, $"/playlists/{p.Id}/items", JsonSerializer.Serialize(new { uris = new[] { t1, t2, ep } }));
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        var snap1 = Str(await FakeSpotifyTestClient.Json(add), "snapshot_id");
        using var move = await client.Send(HttpMethod.Put, $"/playlists/{p.Id}/items", """{"range_start":2,"insert_before":0}""");
        var snap2 = Str(await FakeSpotifyTestClient.Json(move), "snapshot_id");
        Assert.NotEqual(snap1, snap2);
        Assert.Equal([ep, t1, t2], p.Entries.Select(e => e.Item!.Uri));
        using var remove = await client.Send(HttpMethod.Delete, $"/playlists/{p.Id}/items", JsonSerializer.Serialize(new { items = new[] { new { uri = t1 } } }));
        Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        Assert.Equal([ep, t2], p.Entries.Select(e => e.Item!.Uri));

        var tooMany = string.Join(",", fake.Library.Tracks.Values.Take(41).Select(t => t.Uri));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Send(HttpMethod.Put, $"/me/library?uris={tooMany}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Send(HttpMethod.Delete, $"/me/library?uris={t1}")).StatusCode);
        Assert.DoesNotContain(fake.Library.LikedTracks, s => s.Item.Uri == t1);
    }
    [Fact]
    public async Task Cursor_pages_cover_followed_artists_and_recently_played()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);

        var artists = await client.GetAll("/me/following?type=artist&limit=7", wrapper: "artists");
        Assert.Equal(fake.Library.FollowedArtists.Select(a => a.Id), artists.Select(a => Str(a, "id")));

        var plays = await client.GetAll("/me/player/recently-played?limit=9");
        Assert.Equal(fake.Library.RecentlyPlayed.Select(p => p.Track.Id), plays.Select(p => Str(p.GetProperty("track"), "id")));
        var first = await client.GetJson("/me/player/recently-played?limit=3");
        Assert.False(first.TryGetProperty("total", out _));
        var after = long.Parse(first.GetProperty("cursors").GetProperty("before").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var newer = await client.GetJson($"/me/player/recently-played?limit=50&after={after}");
        Assert.Equal(2, newer.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_token_can_expire_in_the_middle_of_a_paged_read()
    {
        await using var fake = await Start();
        using var client = new FakeSpotifyTestClient(fake);
        fake.Faults.ExpireAccessTokensAt(skip: 2, route: "GET /v1/me/tracks");

        Assert.Equal(HttpStatusCode.OK, (await client.Get("/me/tracks?offset=0")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/me/tracks?offset=20")).StatusCode);
        using var third = await client.Get("/me/tracks?offset=40");
        Assert.Equal(HttpStatusCode.Unauthorized, third.StatusCode);

        client.AccessToken = fake.IssueAccessToken();
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/me/tracks?offset=40")).StatusCode);
    }
    [Fact]
    public async Task Two_fakes_with_one_seed_serve_the_same_entities_whatever_their_ports()
    {
        await using var a = await Start(seed: 21);
        await using var b = await FakeSpotifyServer.StartAsync(new FakeSpotifyOptions { Seed = 21, Library = LibrarySpec.Small, ImagesOnFake = true });
        using var ca = new FakeSpotifyTestClient(a);
        using var cb = new FakeSpotifyTestClient(b);
        Assert.NotEqual(a.Port, b.Port);

        var pa = await ca.GetJson("/me/playlists?limit=50");
        var pb = await cb.GetJson("/me/playlists?limit=50");
        var first = pa.GetProperty("items")[0];
        Assert.Equal(Str(first, "href"), Str(pb.GetProperty("items")[0], "href"));
        Assert.StartsWith("https://api.spotify.com/v1/playlists/", Str(first, "href"), StringComparison.Ordinal);
        Assert.StartsWith("https://i.scdn.co/image/", Str(pa.GetProperty("items").EnumerateArray().First(p => p.GetProperty("images").GetArrayLength() > 0).GetProperty("images")[0], "url"), StringComparison.Ordinal);
        Assert.StartsWith(a.ApiBaseUrl, Str(pa, "href"), StringComparison.Ordinal);

        var ta = (await ca.GetJson("/me/tracks?limit=50")).GetProperty("items").GetRawText();
        var tb = (await cb.GetJson("/me/tracks?limit=50")).GetProperty("items").GetRawText();
        Assert.Equal(ta, System.Text.RegularExpressions.Regex.Replace(tb, "http://127\\.0\\.0\\.1:\\d+/_img/([^.]+)\\.jpg", m => "https://i.scdn.co/image/" + new FakeImage(m.Groups[1].Value, null, null).CdnId));

        using var c2 = new FakeSpotifyTestClient(await FakeSpotifyServer.StartAsync(new FakeSpotifyOptions { Seed = 21, Library = LibrarySpec.Small }));
        await using (c2.Fake)
        {
            foreach (var path in new[] { "/me/albums?limit=50", "/me/top/tracks?limit=50", "/me/player/recently-played?limit=50", "/me/following?type=artist&limit=50" })
            {
                var x = (await ca.GetJson(path)).GetRawText().Replace(a.ApiBaseUrl, "API", StringComparison.Ordinal);
                var y = (await c2.GetJson(path)).GetRawText().Replace(c2.Fake.ApiBaseUrl, "API", StringComparison.Ordinal);
                Assert.Equal(x, y);
            }
        }

        var image = Str(pb.GetProperty("items").EnumerateArray().First(p => p.GetProperty("images").GetArrayLength() > 0).GetProperty("images")[0], "url")!;
        Assert.StartsWith(b.AccountsBaseUrl + "/_img/", image, StringComparison.Ordinal);
        using var jpeg = await cb.Http.GetAsync(image);
        Assert.Equal("image/jpeg", jpeg.Content.Headers.ContentType!.MediaType);
    }
}
