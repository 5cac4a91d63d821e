using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MusiVault.Engine.Spotify.Json;

namespace MusiVault.Engine.Spotify;

/// <summary>The HTTP pipeline every read and write goes through: request slots, retries with backoff, the 429 gate, token refresh on 401, and decoding bodies.</summary>
public sealed partial class SpotifyClient
{
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
}
