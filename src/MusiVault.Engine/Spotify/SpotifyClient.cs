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
