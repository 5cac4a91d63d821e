using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MusiVault.Engine.Spotify.Json;

namespace MusiVault.Engine.Spotify;

/// <summary>
/// The read side of the Spotify Web API, as a Development-Mode app has it in 2026. One instance is shared by all the
/// callers of a sync: they share its cap on requests in flight, its rate-limit pause and its counters.
/// Every page asks for limit=50 (the 2026 maximum). Errors Spotify may answer for a whole class of apps (403 on a
/// foreign playlist's items, on audio features) come back as <see cref="SpotifyResult{T}.NotAvailable"/>.
/// </summary>
public sealed partial class SpotifyClient : IDisposable
{
    /// <summary>Raised when a 429 closes the request gate, with the wait; lets a sync say why it is quiet.</summary>
    public event Action<TimeSpan>? RateLimited;

    public const int PageLimit = 50;

    private readonly HttpClient _http;
    private readonly ISpotifyAccessTokenSource _tokens;
    private readonly SpotifyClientOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly SpotifyClientCounters _counters = new();
    private readonly string _apiBase;
    private readonly object _gateLock = new();
    private Task _gate = Task.CompletedTask;
    private DateTimeOffset _gateUntil = DateTimeOffset.MinValue;

    public SpotifyClient(ISpotifyAccessTokenSource tokens, SpotifyClientOptions? options = null, HttpMessageHandler? handler = null)
    {
        _tokens = tokens;
        _options = options ?? SpotifyClientOptions.FromEnvironment();
        if (_options.MaxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxConcurrency must be at least 1.");
        }
        _slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        _apiBase = _options.ApiBaseUrl.AbsoluteUri.TrimEnd('/');
        _http = SpotifyHttp.CreateClient(handler, _options.RequestTimeout, allowRedirects: true);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("MusiVault", "0.1"));
    }

    public SpotifyClientOptions Options => _options;

    /// <summary>A copy of the counters now.</summary>
    public SpotifyClientStats GetStats() => _counters.Snapshot();

    // --- the reads the sync uses ---------------------------------------------------------------------------------

    public Task<SpotifyUser> GetCurrentUserAsync(CancellationToken cancellationToken = default) =>
        GetAsync("/me", "GET /me", SpotifyMapper.User, cancellationToken);

    public Task<SpotifyPage<SpotifySaved<SpotifyPlayable>>> GetSavedTracksPageAsync(int offset, CancellationToken cancellationToken = default) =>
        GetAsync(OffsetPath("/me/tracks", offset), "GET /me/tracks", SpotifyMapper.SavedTracksPage, cancellationToken);

    public Task<SpotifyPage<SpotifySaved<SpotifyAlbum>>> GetSavedAlbumsPageAsync(int offset, CancellationToken cancellationToken = default) =>
        GetAsync(OffsetPath("/me/albums", offset), "GET /me/albums", SpotifyMapper.SavedAlbumsPage, cancellationToken);

    public Task<SpotifyPage<SpotifySaved<SpotifyShow>>> GetSavedShowsPageAsync(int offset, CancellationToken cancellationToken = default) =>
        GetAsync(OffsetPath("/me/shows", offset), "GET /me/shows", SpotifyMapper.SavedShowsPage, cancellationToken);

    public Task<SpotifyPage<SpotifySaved<SpotifyPlayable>>> GetSavedEpisodesPageAsync(int offset, CancellationToken cancellationToken = default) =>
        GetAsync(OffsetPath("/me/episodes", offset), "GET /me/episodes", SpotifyMapper.SavedEpisodesPage, cancellationToken);

    /// <summary>Playlists the user owns or follows.</summary>
    public Task<SpotifyPage<SpotifyPlaylist>> GetMyPlaylistsPageAsync(int offset, CancellationToken cancellationToken = default) =>
        GetAsync(OffsetPath("/me/playlists", offset), "GET /me/playlists", SpotifyMapper.PlaylistsPage, cancellationToken);

    public Task<SpotifyPlaylist> GetPlaylistAsync(string playlistId, CancellationToken cancellationToken = default) =>
        GetAsync($"/playlists/{Escape(playlistId)}?additional_types=track,episode", "GET /playlists/{id}",
            SpotifyMapper.Playlist, cancellationToken);

    /// <summary>
    /// One page of a playlist's entries (tracks, episodes, local files, null entries, in playlist order). Spotify
    /// answers 403 for playlists the user neither owns nor collaborates on, 404 for one deleted meanwhile: both are
    /// NotAvailable results.
    /// </summary>
    public async Task<SpotifyResult<SpotifyPage<SpotifyPlaylistEntry>>> GetPlaylistItemsPageAsync(string playlistId, int offset,
        CancellationToken cancellationToken = default)
    {
        Outcome<SpotifyPage<SpotifyPlaylistEntry>> outcome;
        try
        {
            outcome = await SendAsync(
                ApiUri(OffsetPath($"/playlists/{Escape(playlistId)}/items", offset) + "&additional_types=track,episode"),
                "GET /playlists/{id}/items", SpotifyMapper.PlaylistItemsPage, forbiddenIsResult: true, cancellationToken);
        }
        catch (MusiVaultException ex) when (ex.ErrorId == "SpotifyNotFound")
        {
            // Deleted or unfollowed since it was listed: one playlist a sync records as gone, not a failed sync.
            return SpotifyResult<SpotifyPage<SpotifyPlaylistEntry>>.NotAvailable(ex.Message);
        }
        return outcome.Forbidden is { } reason
            ? SpotifyResult<SpotifyPage<SpotifyPlaylistEntry>>.NotAvailable(reason)
            : SpotifyResult<SpotifyPage<SpotifyPlaylistEntry>>.Available(outcome.Value!);
    }

    public Task<IReadOnlyList<SpotifyImage>> GetPlaylistImagesAsync(string playlistId, CancellationToken cancellationToken = default) =>
        GetAsync($"/playlists/{Escape(playlistId)}/images", "GET /playlists/{id}/images", SpotifyMapper.Images, cancellationToken);

    /// <summary>Followed artists, a cursor page: pass the previous page's <see cref="SpotifyPage{T}.CursorAfter"/>.</summary>
    public Task<SpotifyPage<SpotifyArtist>> GetFollowedArtistsPageAsync(string? after, CancellationToken cancellationToken = default) =>
        GetAsync($"/me/following?type=artist&limit={PageLimit}" + (string.IsNullOrEmpty(after) ? "" : "&after=" + Escape(after)),
            "GET /me/following", SpotifyMapper.FollowedArtistsPage, cancellationToken);

    public Task<SpotifyPage<SpotifyArtist>> GetTopArtistsPageAsync(TopTimeRange range, int offset, CancellationToken cancellationToken = default) =>
        GetAsync(OffsetPath("/me/top/artists", offset) + "&time_range=" + RangeText(range), "GET /me/top/artists",
            SpotifyMapper.ArtistsPage, cancellationToken);

    public Task<SpotifyPage<SpotifyPlayable>> GetTopTracksPageAsync(TopTimeRange range, int offset, CancellationToken cancellationToken = default) =>
        GetAsync(OffsetPath("/me/top/tracks", offset) + "&time_range=" + RangeText(range), "GET /me/top/tracks",
            SpotifyMapper.TracksPage, cancellationToken);

    /// <summary>
    /// Recently played tracks (Spotify keeps about the last 50). Give at most one cursor, in Unix milliseconds:
    /// <paramref name="afterUnixMs"/> for plays newer than it, <paramref name="beforeUnixMs"/> for older ones.
    /// </summary>
    public Task<SpotifyPage<SpotifyPlay>> GetRecentlyPlayedPageAsync(long? afterUnixMs, long? beforeUnixMs,
        CancellationToken cancellationToken = default)
    {
        if (afterUnixMs is not null && beforeUnixMs is not null)
        {
            throw new ArgumentException("Spotify accepts either an 'after' or a 'before' cursor, not both.");
        }
        var path = $"/me/player/recently-played?limit={PageLimit}";
        if (afterUnixMs is { } after)
        {
            path += "&after=" + after.ToString(CultureInfo.InvariantCulture);
        }
        if (beforeUnixMs is { } before)
        {
            path += "&before=" + before.ToString(CultureInfo.InvariantCulture);
        }
        return GetAsync(path, "GET /me/player/recently-played", SpotifyMapper.RecentlyPlayedPage, cancellationToken);
    }

    /// <summary>
    /// Audio features, one GET /audio-features/{id} per track: the batch form is gone for Development-Mode apps, and
    /// both forms answer 403 to apps created after November 2024. The first 403 ends the call as NotAvailable, so a
    /// refused app spends one request, not one per track. Ids Spotify does not know (404, null body) are left out.
    /// </summary>
    public async Task<SpotifyResult<IReadOnlyList<SpotifyAudioFeatures>>> GetAudioFeaturesAsync(IReadOnlyList<string> trackIds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trackIds);
        var results = new SpotifyAudioFeatures?[trackIds.Count];
        if (trackIds.Count == 0)
        {
            return SpotifyResult<IReadOnlyList<SpotifyAudioFeatures>>.Available(Array.Empty<SpotifyAudioFeatures>());
        }
        // Probe with the first id: a refused app learns it with one request.
        var first = await GetAudioFeaturesOneAsync(trackIds[0], cancellationToken);
        if (first.Forbidden is { } refused)
        {
            return SpotifyResult<IReadOnlyList<SpotifyAudioFeatures>>.NotAvailable(refused);
        }
        results[0] = first.Value;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string? forbidden = null;
        var rest = Enumerable.Range(1, trackIds.Count - 1).Select(async i =>
        {
            var outcome = await GetAudioFeaturesOneAsync(trackIds[i], stop.Token);
            if (outcome.Forbidden is { } reason)
            {
                Interlocked.CompareExchange(ref forbidden, reason, null);
                await stop.CancelAsync();
            }
            results[i] = outcome.Value;
        }).ToArray();
        try
        {
            await Task.WhenAll(rest);
        }
        catch (OperationCanceledException) when (forbidden is not null && !cancellationToken.IsCancellationRequested)
        {
        }
        if (forbidden is not null)
        {
            return SpotifyResult<IReadOnlyList<SpotifyAudioFeatures>>.NotAvailable(forbidden);
        }
        return SpotifyResult<IReadOnlyList<SpotifyAudioFeatures>>.Available(results.Where(r => r is not null).Select(r => r!).ToArray());
    }

    private async Task<Outcome<SpotifyAudioFeatures?>> GetAudioFeaturesOneAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(ApiUri($"/audio-features/{Escape(id)}"), "GET /audio-features/{id}",
                json => json.Trim() == "null" ? null : SpotifyMapper.AudioFeatures(json), forbiddenIsResult: true, cancellationToken);
        }
        catch (MusiVaultException ex) when (ex.Category == ErrorKind.ObjectNotFound)
        {
            return new Outcome<SpotifyAudioFeatures?>(null, null);
        }
    }

    /// <summary>
    /// Downloads a file (cover art). The bearer token goes only to the API's own host; image CDNs get no
    /// Authorization header.
    /// </summary>
    public async Task<byte[]> DownloadAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var sameOrigin = IsApiOrigin(uri);
        var outcome = await SendAsync(uri, sameOrigin ? "GET " + uri.AbsolutePath : "GET image", body => body,
            authenticated: sameOrigin, forbiddenIsResult: false, cancellationToken);
        return outcome.Value!;
    }

    public void Dispose()
    {
        _http.Dispose();
        _slots.Dispose();
    }

    // --- the HTTP pipeline ---------------------------------------------------------------------------------------

    private readonly record struct Outcome<T>(T? Value, string? Forbidden);

    private async Task<T> GetAsync<T>(string pathAndQuery, string route, Func<string, T> parse, CancellationToken cancellationToken) =>
        (await SendAsync(ApiUri(pathAndQuery), route, parse, forbiddenIsResult: false, cancellationToken)).Value!;

    private Task<Outcome<T>> SendAsync<T>(Uri uri, string route, Func<string, T> parse, bool forbiddenIsResult,
        CancellationToken cancellationToken) =>
        SendAsync(uri, route, body => parse(DecodeText(body)), authenticated: true, forbiddenIsResult, cancellationToken);

    private async Task<Outcome<T>> SendAsync<T>(Uri uri, string route, Func<byte[], T> parse, bool authenticated,
        bool forbiddenIsResult, CancellationToken cancellationToken, WriteRequest? write = null)
    {
        var failures = 0;
        var invalid = 0;
        var rateLimits = 0;
        var refreshed = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = authenticated ? await _tokens.GetAccessTokenAsync(cancellationToken) : null;
            Attempt attempt;
            await _slots.WaitAsync(cancellationToken);
            try
            {
                await WaitForGateAsync(cancellationToken);
                attempt = await SendOnceAsync(uri, route, token, cancellationToken, write);
            }
            finally
            {
                _slots.Release();
            }

            string problem;
            var status = (int)attempt.Status;
            WriteOutcome(write, attempt, route);
            if (attempt.Failure is not null)
            {
                problem = attempt.Failure;
            }
            else if (status is >= 200 and < 300)
            {
                try
                {
                    SpotifyBounds.TakeTruncatedCount();
                    var value = parse(attempt.Body);
                    _counters.FieldsTruncated(SpotifyBounds.TakeTruncatedCount());
                    return new Outcome<T>(value, null);
                }
                catch (Exception ex) when ((ex is JsonException or DecoderFallbackException) && SpotifyResponse.IsCutOff(attempt.Body))
                {
                    // A 200 whose body ends mid-document: the data is there, the transfer was not.
                    problem = "a response body cut off in transfer";
                }
                catch (Exception ex) when (ex is JsonException or DecoderFallbackException)
                {
                    // A complete body that is not what Spotify documents will not parse differently next time:
                    // one more try (a proxy may have garbled it), then a clear error instead of a retry storm.
                    if (++invalid > 1)
                    {
                        throw new MusiVaultException("SpotifyResponseInvalid", ErrorKind.InvalidResult,
                            $"Spotify's answer to {route} is not valid ({SpotifyResponse.Describe(ex)}), twice in a row. Nothing was changed from it; try again later.",
                            route, ex);
                    }
                    _counters.Retried();
                    continue;
                }
            }
            else if (attempt.Status == HttpStatusCode.TooManyRequests)
            {
                var text = DecodeTextLenient(attempt.Body);
                if (text.Contains("QUOTA_EXCEEDED", StringComparison.Ordinal))
                {
                    throw new MusiVaultException("SpotifyQuotaExceeded", ErrorKind.QuotaExceeded,
                        "Spotify says this app has used up its request quota (QUOTA_EXCEEDED). Wait for the quota to reset " +
                        "(usually the next day) or use another Spotify app (-ClientId), then run again.", route);
                }
                var wait = attempt.RetryAfter ?? _options.DefaultRetryAfter;
                if (wait > _options.MaxRetryAfter)
                {
                    throw new MusiVaultException("SpotifyRateLimited", ErrorKind.LimitsExceeded,
                        $"Spotify asks this app to wait {wait.TotalSeconds:0} seconds before its next request (429 Too Many " +
                        "Requests). Run again later.", route);
                }
                if (++rateLimits > _options.MaxRateLimitWaits)
                {
                    throw new MusiVaultException("SpotifyRateLimited", ErrorKind.LimitsExceeded,
                        $"Spotify kept answering 429 Too Many Requests to {route} ({rateLimits - 1} waits). Run again later.", route);
                }
                CloseGate(wait);
                RateLimited?.Invoke(wait);
                continue;
            }
            else if (attempt.Status == HttpStatusCode.Unauthorized && authenticated && !refreshed)
            {
                refreshed = true;
                _counters.Refreshed();
                await _tokens.RefreshAfterRejectionAsync(token!, cancellationToken);
                continue;
            }
            else if (status >= 500)
            {
                problem = $"{status} {attempt.Status}";
            }
            else
            {
                var message = ApiErrorMessage(attempt.Body) ?? attempt.Status.ToString();
                if (attempt.Status == HttpStatusCode.Forbidden && forbiddenIsResult)
                {
                    return new Outcome<T>(default, $"Spotify answered 403 Forbidden: {message}");
                }
                throw SpotifyHttp.ErrorFor(attempt.Status, route, message);
            }

            if (++failures > _options.MaxRetries)
            {
                throw new MusiVaultException("SpotifyUnavailable", ErrorKind.ConnectionError,
                    $"Spotify did not give a usable answer to {route} after {failures} attempts (last: {problem}). Try again later.",
                    route);
            }
            _counters.Retried();
            await _options.Delay(Backoff(failures, attempt.RetryAfter), cancellationToken);
        }
    }

    private readonly record struct Attempt(HttpStatusCode Status, byte[] Body, TimeSpan? RetryAfter, string? Failure);

    private async Task<Attempt> SendOnceAsync(Uri uri, string route, string? token, CancellationToken cancellationToken,
        WriteRequest? write = null)
    {
        using var request = new HttpRequestMessage(write?.Method ?? HttpMethod.Get, uri);
        request.Content = write?.Json is { } json ? new ByteArrayContent(json) { Headers = { ContentType = new("application/json") } } : null;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        _counters.RequestStarted(route);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            byte[] body;
            try
            {
                body = await SpotifyResponse.ReadBoundedAsync(response.Content, route, cancellationToken);
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                // The server promised more bytes than it sent: for a 200 this is a truncated body.
                return new Attempt(response.StatusCode, [], null, "a response cut off in transfer");
            }
            return new Attempt(response.StatusCode, body, SpotifyHttp.RetryAfterOf(response), null);
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            return new Attempt(0, [], null, ex is TaskCanceledException ? "a timeout" : "a network error: " + ex.Message);
        }
        finally
        {
            _counters.RequestEnded();
        }
    }

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or IOException ||
        (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private async Task WaitForGateAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task gate;
            lock (_gateLock)
            {
                gate = _gate;
            }
            await gate.WaitAsync(cancellationToken);
            lock (_gateLock)
            {
                if (ReferenceEquals(gate, _gate))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Pauses every request of this client until <paramref name="wait"/> has passed.</summary>
    private void CloseGate(TimeSpan wait)
    {
        lock (_gateLock)
        {
            var until = DateTimeOffset.UtcNow + wait;
            if (until <= _gateUntil && !_gate.IsCompleted)
            {
                _counters.RateLimitedOnce(TimeSpan.Zero);
                return;
            }
            _gateUntil = until;
            _counters.RateLimitedOnce(wait);
            _gate = SwallowCancellation(PauseUntilAsync(wait, until));
        }
    }

    /// <summary>
    /// The Retry-After pause. Timers fire up to a few milliseconds early (coarse clocks): after the delay, the
    /// deadline itself is checked and a short shortfall is waited out, plus a margin, so no request goes out before
    /// Spotify said it may. A large shortfall means the delay was shortened on purpose (tests), and is left alone.
    /// </summary>
    private async Task PauseUntilAsync(TimeSpan wait, DateTimeOffset until)
    {
        await _options.Delay(wait, CancellationToken.None).ConfigureAwait(false);
        for (var shortfall = until - DateTimeOffset.UtcNow; shortfall > TimeSpan.Zero && shortfall <= GateShortfallLimit;
             shortfall = until - DateTimeOffset.UtcNow)
        {
            await Task.Delay(shortfall + GateMargin, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan GateMargin = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan GateShortfallLimit = TimeSpan.FromMilliseconds(100);

    private static async Task SwallowCancellation(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private TimeSpan Backoff(int failures, TimeSpan? serverHint)
    {
        var exponential = _options.BaseBackoff.TotalMilliseconds * Math.Pow(2, failures - 1);
        var capped = Math.Min(exponential, _options.MaxBackoff.TotalMilliseconds);
        // Jitter in [50%, 100%] keeps concurrent callers from retrying in lock step.
        var jittered = TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * _options.Jitter())));
        return serverHint is { } hint && hint > jittered && hint <= _options.MaxRetryAfter ? hint : jittered;
    }

    /// <summary>The API's own message from an error body, if it has one (never the request, so never a token).</summary>
    internal static string? ApiErrorMessage(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }
        try
        {
            var envelope = JsonSerializer.Deserialize(body, SpotifyJsonContext.Default.ErrorEnvelopeDto);
            switch (envelope?.Error)
            {
                case { ValueKind: JsonValueKind.Object } error:
                    var api = error.Deserialize(SpotifyJsonContext.Default.ApiErrorDto);
                    return api?.Message is { Length: > 0 } m ? (api.Reason is { Length: > 0 } r ? $"{m} ({r})" : m) : null;
                case { ValueKind: JsonValueKind.String } code:
                    return envelope.ErrorDescription is { Length: > 0 } d ? $"{code.GetString()}: {d}" : code.GetString();
                default:
                    return null;
            }
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static string DecodeText(byte[] body) => StrictUtf8.GetString(body);

    private static string DecodeTextLenient(byte[] body) => Encoding.UTF8.GetString(body);

    private bool IsApiOrigin(Uri uri) =>
        Uri.Compare(uri, _options.ApiBaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private Uri ApiUri(string pathAndQuery) => new(_apiBase + pathAndQuery);

    private static string OffsetPath(string path, int offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return $"{path}?limit={PageLimit}&offset={offset.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string RangeText(TopTimeRange range) => range switch
    {
        TopTimeRange.ShortTerm => "short_term",
        TopTimeRange.LongTerm => "long_term",
        _ => "medium_term",
    };
}
