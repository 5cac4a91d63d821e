namespace MusiVault.FakeSpotify;

public enum FaultKind
{
    /// <summary>429 with a Retry-After header.</summary>
    TooManyRequests,
    /// <summary>A 5xx status (500, 502, 503) with Spotify's error body.</summary>
    ServerError,
    /// <summary>200 with the real body cut in half (Content-Length matches the cut body).</summary>
    TruncatedJson,
    /// <summary>The connection is aborted before any response byte.</summary>
    DropConnection,
    /// <summary>All access tokens expire just before this request, so it (and later ones) get 401 until a refresh.</summary>
    ExpireAccessTokens,
    /// <summary>200 with a broken page (see <see cref="MalformedBody"/>).</summary>
    MalformedBody,
    /// <summary>200 with the page's total off by <see cref="FaultRule.TotalDelta"/>.</summary>
    WrongTotal,
    /// <summary>200 whose next names the same page (offset pages) or the same cursor (cursor pages).</summary>
    SelfLoopNext,
    /// <summary>Every page names a next page, forever (the first page's items served at every offset).</summary>
    EndlessChain,
    /// <summary>200 with one item's name made <see cref="FaultRule.HugeNameChars"/> characters long.</summary>
    HugeName,
    /// <summary>The request is carried out (a write is applied) but the connection is aborted before the answer: a timeout after sending.</summary>
    DropAfterApply,
}

public enum RateLimitBody
{
    /// <summary>Content-Length: 0, as real Spotify usually sends.</summary>
    Empty,
    /// <summary>{"error":{"status":429,"message":"API rate limit exceeded"}}</summary>
    Json,
    /// <summary>A body naming QUOTA_EXCEEDED: the app's quota is gone, retrying will not help.</summary>
    QuotaExceeded,
}

/// <summary>One queued fault: applies to the next <see cref="Remaining"/> matching requests.</summary>
public sealed class FaultRule
{
    public FaultKind Kind { get; init; }
    public int Remaining { get; set; } = 1;
    /// <summary>Matching requests to let through untouched before the fault starts (e.g. 429 on the 5th page).</summary>
    public int Skip { get; set; }
    /// <summary>Null: any /v1 request. Otherwise a route key ("GET /v1/me/tracks") or a route template ("/v1/me/tracks").</summary>
    public string? Route { get; init; }
    public int StatusCode { get; init; } = 500;
    public int RetryAfterSeconds { get; init; } = 1;
    public RateLimitBody Body { get; init; }
    /// <summary>Retry-After in milliseconds, sent as fractional seconds; overrides <see cref="RetryAfterSeconds"/>.</summary>
    public int? RetryAfterMilliseconds { get; init; }
    public MalformedBody Malformed { get; init; }
    public int TotalDelta { get; init; } = 100;
    public int HugeNameChars { get; init; } = 100_000;

    internal bool Matches(string routeKey, string template, bool isApi) =>
        Route is null ? isApi : string.Equals(Route, routeKey, StringComparison.Ordinal) || string.Equals(Route, template, StringComparison.Ordinal);
}

/// <summary>Fault injection. Thread-safe; rules are consumed first-queued first.</summary>
public sealed class FakeFaults
{
    private readonly object gate = new();
    private readonly List<FaultRule> rules = [];
    private readonly FakeAccounts accounts;

    internal FakeFaults(FakeAccounts accounts, int latencyMs)
    {
        this.accounts = accounts;
        LatencyMs = latencyMs;
    }

    /// <summary>Delay before every /v1 and /api/token response.</summary>
    public int LatencyMs { get; set; }

    /// <summary>GET /audio-features answers 403 (as for Development-Mode apps) unless this is set.</summary>
    public bool AudioFeaturesAllowed { get; set; }

    public int Pending
    {
        get
        {
            lock (gate)
            {
                return rules.Sum(r => r.Remaining);
            }
        }
    }

    public void Add(FaultRule rule)
    {
        lock (gate)
        {
            rules.Add(rule);
        }
    }

    /// <summary>The next <paramref name="count"/> matching requests get 429 with Retry-After.</summary>
    public void TooManyRequests(int count = 1, int retryAfterSeconds = 1, RateLimitBody body = RateLimitBody.Empty, string? route = null, int skip = 0) =>
        Add(new FaultRule { Kind = FaultKind.TooManyRequests, Remaining = count, RetryAfterSeconds = retryAfterSeconds, Body = body, Route = route, StatusCode = 429, Skip = skip });

    /// <summary>429s whose Retry-After is fractional seconds (e.g. "0.1"), for tests that check the wait precisely.</summary>
    public void TooManyRequestsMs(int count, int retryAfterMilliseconds, string? route = null, int skip = 0) =>
        Add(new FaultRule { Kind = FaultKind.TooManyRequests, Remaining = count, RetryAfterMilliseconds = retryAfterMilliseconds, Route = route, StatusCode = 429, Skip = skip });

    /// <summary>500, 502 or 503 with Spotify's error body.</summary>
    public void ServerError(int count = 1, int statusCode = 500, string? route = null, int skip = 0) =>
        Add(new FaultRule { Kind = FaultKind.ServerError, Remaining = count, StatusCode = statusCode, Route = route, Skip = skip });

    public void TruncatedJson(int count = 1, string? route = null, int skip = 0) =>
        Add(new FaultRule { Kind = FaultKind.TruncatedJson, Remaining = count, Route = route, StatusCode = 200, Skip = skip });

    public void DropConnection(int count = 1, string? route = null, int skip = 0) =>
        Add(new FaultRule { Kind = FaultKind.DropConnection, Remaining = count, Route = route, StatusCode = 0, Skip = skip });

    /// <summary>The next <paramref name="count"/> matching 200 answers are broken the given way.</summary>
    public void Malformed(MalformedBody body, int count = 1, string? route = null, int skip = 0) =>
        Add(new FaultRule { Kind = FaultKind.MalformedBody, Malformed = body, Remaining = count, Route = route, StatusCode = 200, Skip = skip });

    public void WrongTotal(int delta, int count = 1, string? route = null, int skip = 0) =>
        Add(new FaultRule { Kind = FaultKind.WrongTotal, TotalDelta = delta, Remaining = count, Route = route, StatusCode = 200, Skip = skip });

    public void SelfLoopNext(int count = int.MaxValue, string? route = null, int skip = 0) =>
        Add(new FaultRule { Kind = FaultKind.SelfLoopNext, Remaining = count, Route = route, StatusCode = 200, Skip = skip });

    public void EndlessChain(int count = int.MaxValue, string? route = null, int skip = 0) =>
        Add(new FaultRule { Kind = FaultKind.EndlessChain, Remaining = count, Route = route, StatusCode = 200, Skip = skip });

    public void HugeName(int chars, int count = 1, string? route = null, int skip = 0) =>
        Add(new FaultRule { Kind = FaultKind.HugeName, HugeNameChars = chars, Remaining = count, Route = route, StatusCode = 200, Skip = skip });
    /// <summary>The next matching requests are applied, then their connection is dropped unanswered (a write that may have happened).</summary>
    public void DropAfterApply(int count = 1, string? route = null, int skip = 0) =>
        Add(new FaultRule { Kind = FaultKind.DropAfterApply, Remaining = count, Route = route, StatusCode = 0, Skip = skip });

    /// <summary>Every access token issued so far answers 401 "The access token expired" (a token expiring mid-run).</summary>
    public void ExpireAccessTokens() => accounts.ExpireAllAccessTokens();

    /// <summary>Expires every access token just before the (skip+1)-th matching request: a token expiring mid-sync.</summary>
    public void ExpireAccessTokensAt(int skip, string? route = null) =>
        Add(new FaultRule { Kind = FaultKind.ExpireAccessTokens, Remaining = 1, Route = route, StatusCode = 401, Skip = skip });

    /// <summary>Every refresh token issued so far answers invalid_grant.</summary>
    public void RevokeRefreshTokens() => accounts.RevokeAllRefreshTokens();

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
        }
    }

    internal void ExpireNow() => accounts.ExpireAllAccessTokens();

    internal FaultRule? Take(string routeKey, string template, bool isApi)
    {
        lock (gate)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                if (rule.Matches(routeKey, template, isApi))
                {
                    if (rule.Skip > 0)
                    {
                        rule.Skip--;
                        continue;
                    }

                    rule.Remaining--;
                    if (rule.Remaining <= 0)
                    {
                        rules.RemoveAt(i);
                    }

                    return rule;
                }
            }

            return null;
        }
    }
}
