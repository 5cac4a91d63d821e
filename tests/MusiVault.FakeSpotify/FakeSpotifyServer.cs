using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MusiVault.FakeSpotify;

/// <summary>
/// A fake accounts.spotify.com + api.spotify.com on 127.0.0.1. Start it with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class FakeSpotifyServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeSpotifyServer(WebApplication app, FakeSpotifyOptions options, FakeLibrary library, FakeAccounts accounts)
    {
        this.app = app;
        Options = options;
        Library = library;
        Accounts = accounts;
        Faults = new FakeFaults(accounts, options.LatencyMs);
        Requests = new FakeRequestLog();
        Mutations = new FakeMutations(library, options.Seed);
    }

    public FakeSpotifyOptions Options { get; }

    /// <summary>"http://127.0.0.1:PORT" — /authorize and /api/token live here, like https://accounts.spotify.com.</summary>
    public string AccountsBaseUrl { get; private set; } = string.Empty;

    /// <summary>"http://127.0.0.1:PORT/v1", like https://api.spotify.com/v1.</summary>
    public string ApiBaseUrl => AccountsBaseUrl + "/v1";

    public int Port { get; private set; }

    /// <summary>The one registered client id; any other gets invalid_client.</summary>
    public string ClientId => Accounts.ClientId;

    /// <summary>Serve pre-2026 shapes; may be flipped while running.</summary>
    public bool LegacyShapes { get; set; }

    public FakeLibrary Library { get; }
    public FakeMutations Mutations { get; }
    public FakeFaults Faults { get; }
    public FakeRequestLog Requests { get; }
    public FakeAccounts Accounts { get; }

    /// <summary>A valid refresh token with the given scopes (all by default), for non-interactive login.</summary>
    public string IssueRefreshToken(IEnumerable<string>? scopes = null) => Accounts.IssueRefreshToken(scopes);

    /// <summary>A valid access token, for tests that call the API directly.</summary>
    public string IssueAccessToken(IEnumerable<string>? scopes = null) => Accounts.IssueAccessToken(scopes);

    public static async Task<FakeSpotifyServer> StartAsync(FakeSpotifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeSpotifyOptions();
        var library = LibraryGenerator.Generate(options.Seed, options.Library);
        var clientId = options.ClientId ?? DeriveClientId(options.Seed);
        var accounts = new FakeAccounts(clientId, options.AccessTokenLifetimeSeconds, options.TimeProvider);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeSpotifyServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.AddServerHeader = false;
        });
        builder.Services.AddRouting();
        var app = builder.Build();
        var server = new FakeSpotifyServer(app, options, library, accounts) { LegacyShapes = options.LegacyShapes };

        app.UseRouting();
        app.Use(server.Pipeline);
        new AccountEndpoints(server).Map(app);
        new ApiEndpoints(server).Map(app);
        new ControlEndpoints(server).Map(app);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address);
        server.Port = uri.Port;
        server.AccountsBaseUrl = $"http://127.0.0.1:{uri.Port}";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static string DeriveClientId(int seed) =>
        Convert.ToHexString(SHA256.HashData(BitConverter.GetBytes(seed)))[..32].ToLowerInvariant();

    internal SpotifyJson Json(HttpContext ctx) =>
        new(AccountsBaseUrl, LegacyShapes, ctx.Request.Query.ContainsKey("market"), Options.ImagesOnFake);

    /// <summary>Logging, counting, latency and fault injection around every request but the control endpoints.</summary>
    private async Task Pipeline(HttpContext ctx, RequestDelegate next)
    {
        var path = ctx.Request.Path.Value ?? "/";
        if (path.StartsWith("/_fake", StringComparison.Ordinal))
        {
            await next(ctx);
            return;
        }

        var template = (ctx.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } raw
            ? (raw.StartsWith('/') ? raw : "/" + raw)
            : path;
        var routeKey = ctx.Request.Method + " " + template;
        var isApi = path.StartsWith("/v1/", StringComparison.Ordinal);
        var started = DateTimeOffset.UtcNow;
        var seq = Requests.Begin(routeKey);
        FaultKind? applied = null;
        try
        {
            var latency = Faults.LatencyMs;
            if (latency > 0 && (isApi || path == "/api/token"))
            {
                await Task.Delay(latency, ctx.RequestAborted);
            }

            var fault = Faults.Take(routeKey, template, isApi);
            applied = fault?.Kind;
            switch (fault?.Kind)
            {
                case null:
                    await next(ctx);
                    break;
                case FaultKind.TooManyRequests:
                    await WriteRateLimited(ctx, fault);
                    break;
                case FaultKind.ServerError:
                    await Http.Error(ctx, fault.StatusCode, fault.StatusCode switch
                    {
                        502 => "Bad gateway.",
                        503 => "Service unavailable",
                        _ => "Server error.",
                    });
                    break;
                case FaultKind.DropConnection:
                    ctx.Abort();
                    break;
                case FaultKind.TruncatedJson:
                    await WriteTruncated(ctx, next);
                    break;
                case FaultKind.ExpireAccessTokens:
                    Faults.ExpireNow();
                    await next(ctx);
                    break;
                case FaultKind.DropAfterApply:
                    var realBody = ctx.Response.Body;
                    using (var swallowed = new MemoryStream())
                    {
                        ctx.Response.Body = swallowed;
                        await next(ctx);
                        ctx.Response.Body = realBody;
                    }

                    ctx.Abort();
                    break;
                case FaultKind.HugeName:
                    await FakePageRewrites.WriteHugeNameAsync(ctx, next, fault);
                    break;
                default:
                    await FakePageRewrites.WriteAsync(ctx, next, fault, ApiBaseUrl);
                    break;
            }
        }
        catch (Exception e) when ((e is InvalidOperationException or FormatException or System.Text.Json.JsonException) && !ctx.Response.HasStarted && !ctx.RequestAborted.IsCancellationRequested)
        {
            // A request body of the wrong JSON types: Spotify answers 400, not 500.
            await Http.Error(ctx, 400, "Error parsing JSON.");
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        finally
        {
            Requests.End(new FakeRequest(seq, started, DateTimeOffset.UtcNow, ctx.Request.Method, path + ctx.Request.QueryString.Value, routeKey, ctx.Response.StatusCode, applied));
        }
    }

    private static async Task WriteRateLimited(HttpContext ctx, FaultRule rule)
    {
        ctx.Response.StatusCode = 429;
        ctx.Response.Headers.RetryAfter = rule.RetryAfterMilliseconds is { } ms
            ? (ms / 1000.0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)
            : rule.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (rule.Body)
        {
            case RateLimitBody.Empty:
                ctx.Response.ContentLength = 0;
                break;
            case RateLimitBody.Json:
                await Http.WriteJson(ctx, 429, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartObject("error");
                    w.WriteNumber("status", 429);
                    w.WriteString("message", "API rate limit exceeded");
                    w.WriteEndObject();
                    w.WriteEndObject();
                });
                break;
            case RateLimitBody.QuotaExceeded:
                await Http.WriteJson(ctx, 429, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartObject("error");
                    w.WriteNumber("status", 429);
                    w.WriteString("message", "API rate limit exceeded: QUOTA_EXCEEDED");
                    w.WriteString("reason", "QUOTA_EXCEEDED");
                    w.WriteEndObject();
                    w.WriteEndObject();
                });
                break;
        }
    }

    private static async Task WriteTruncated(HttpContext ctx, RequestDelegate next)
    {
        var original = ctx.Response.Body;
        using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        try
        {
            await next(ctx);
        }
        finally
        {
            ctx.Response.Body = original;
        }

        var bytes = buffer.ToArray();
        var cut = bytes.Length / 2;
        ctx.Response.ContentLength = cut;
        await original.WriteAsync(bytes.AsMemory(0, cut), ctx.RequestAborted);
    }
}
