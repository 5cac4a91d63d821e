namespace MusiVault.Engine.Spotify;

/// <summary>How a <see cref="SpotifyClient"/> talks to the Web API. Defaults suit the real service.</summary>
public sealed class SpotifyClientOptions
{
    public const string ApiUrlVariable = "MUSIVAULT_SPOTIFY_API_URL";
    public const string AccountsUrlVariable = "MUSIVAULT_SPOTIFY_ACCOUNTS_URL";
    public const string ClientIdVariable = "MUSIVAULT_SPOTIFY_CLIENT_ID";
    public const string DefaultApiUrl = "https://api.spotify.com/v1";
    public const string DefaultAccountsUrl = "https://accounts.spotify.com";

    /// <summary>The Web API root, e.g. https://api.spotify.com/v1 (no trailing slash needed).</summary>
    public Uri ApiBaseUrl { get; init; } = new(DefaultApiUrl);

    /// <summary>The accounts service root: /authorize and /api/token live under it.</summary>
    public Uri AccountsBaseUrl { get; init; } = new(DefaultAccountsUrl);

    /// <summary>Requests in flight at once, shared by every caller of one client.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Attempts after the first for 5xx, network errors and unreadable 200 bodies.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>429s one request may wait out before giving up.</summary>
    public int MaxRateLimitWaits { get; init; } = 20;

    /// <summary>First backoff step; doubles per attempt, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause after a 429 that carries no usable Retry-After header.</summary>
    public TimeSpan DefaultRetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A Retry-After longer than this ends the run instead of sleeping through it (bans last hours).</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Per-request HTTP timeout (a timeout counts as a network error and is retried).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How the client waits (backoff and rate-limit pauses). Tests replace it to run fast and to observe the waits.
    /// </summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = (delay, ct) => Task.Delay(delay, ct);

    /// <summary>Random source for jitter, in [0,1). Replaceable for deterministic tests.</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    /// <summary>The options from MUSIVAULT_SPOTIFY_API_URL / MUSIVAULT_SPOTIFY_ACCOUNTS_URL, else the defaults.</summary>
    public static SpotifyClientOptions FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    public static SpotifyClientOptions FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        return new()
        {
            ApiBaseUrl = ParseUrl(getVariable(ApiUrlVariable), DefaultApiUrl, ApiUrlVariable),
            AccountsBaseUrl = ParseUrl(getVariable(AccountsUrlVariable), DefaultAccountsUrl, AccountsUrlVariable),
        };
    }

    private static Uri ParseUrl(string? value, string fallback, string variable)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new Uri(fallback);
        }
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new MusiVaultException("SpotifyInvalidUrl", ErrorKind.InvalidArgument,
                $"{variable} must be an absolute http(s) URL; it is '{value}'.", variable);
        }
        return uri;
    }
}
