using System.Net;
using MusiVault.Engine.Spotify;
using MusiVault.FakeSpotify;

namespace MusiVault.Engine.Tests.Spotify;

/// <summary>Retry-After forms the fake does not send (missing, HTTP date), and one too long to sleep through.</summary>
public sealed class RetryAfterTests
{
    /// <summary>Answers the queued responses in order, then 200 with a user.</summary>
    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] responses) : HttpMessageHandler
    {
        private int _next;

        public int Calls => _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref _next) - 1;
            return Task.FromResult(index < responses.Length
                ? responses[index]()
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"u1","display_name":"U"}""") });
        }
    }

    private static (SpotifyClient Client, List<TimeSpan> Delays) Client(HttpMessageHandler handler)
    {
        var delays = new List<TimeSpan>();
        var client = new SpotifyClient(new FixedAccessTokenSource("t"), new SpotifyClientOptions
        {
            ApiBaseUrl = new Uri("http://127.0.0.1:9/v1"),
            DefaultRetryAfter = TimeSpan.FromSeconds(4),
            Delay = (d, _) =>
            {
                lock (delays)
                {
                    delays.Add(d);
                }
                return Task.CompletedTask;
            },
        }, handler);
        return (client, delays);
    }

    [Fact]
    public async Task MissingRetryAfterUsesTheDefaultPause()
    {
        var handler = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.TooManyRequests));
        var (client, delays) = Client(handler);
        using (client)
        {
            Assert.Equal("u1", (await client.GetCurrentUserAsync()).Id);
        }
        Assert.Equal([TimeSpan.FromSeconds(4)], delays);
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task RetryAfterAsAnHttpDateIsHonoured()
    {
        var handler = new ScriptedHandler(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddSeconds(30));
            return response;
        });
        var (client, delays) = Client(handler);
        using (client)
        {
            await client.GetCurrentUserAsync();
        }
        Assert.InRange(Assert.Single(delays), TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task AnHoursLongRetryAfterEndsTheRunInsteadOfSleeping()
    {
        await using var fake = await FakeSpotifyServer.StartAsync();
        fake.Faults.TooManyRequests(count: 1, retryAfterSeconds: 3600, route: "GET /v1/me");
        using var client = new SpotifyClient(new FixedAccessTokenSource(fake.IssueAccessToken()), new SpotifyClientOptions
        {
            ApiBaseUrl = new Uri(fake.ApiBaseUrl),
            Delay = (_, _) => throw new InvalidOperationException("must not wait"),
        });
        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => client.GetCurrentUserAsync());
        Assert.Equal("SpotifyRateLimited", ex.ErrorId);
        Assert.Contains("3600 seconds", ex.Message, StringComparison.Ordinal);
    }
}
