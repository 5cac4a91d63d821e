using System.Globalization;
using System.Net;

namespace MusiVault.Engine.Spotify;

/// <summary>HTTP plumbing shared by the Web API client and the accounts client: the HttpClient, Retry-After, errors.</summary>
internal static class SpotifyHttp
{
    /// <summary>An HttpClient that owns its handler; a caller-given handler (tests' fault injectors) is owned too.</summary>
    internal static HttpClient CreateClient(HttpMessageHandler? handler, TimeSpan timeout, bool allowRedirects)
    {
#pragma warning disable CA2000 // The HttpClient disposes the handler (disposeHandler: true); the analyzer cannot see the transfer.
        var own = handler is null
            ? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = allowRedirects }
            : null;
#pragma warning restore CA2000
        try
        {
            return new HttpClient(handler ?? own!, disposeHandler: true) { Timeout = timeout };
        }
        catch
        {
            own?.Dispose();
            throw;
        }
    }

    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var delay = date - DateTimeOffset.UtcNow;
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }
        // Some servers send a fractional or otherwise non-standard value the typed header refuses.
        if (response.Headers.TryGetValues("Retry-After", out var values) &&
            double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) &&
            seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return null;
    }

    internal static MusiVaultException ErrorFor(HttpStatusCode status, string route, string message)
    {
        var (id, kind) = status switch
        {
            HttpStatusCode.Unauthorized => ("SpotifyUnauthorized", ErrorKind.AuthenticationError),
            HttpStatusCode.Forbidden => ("SpotifyForbidden", ErrorKind.PermissionDenied),
            HttpStatusCode.NotFound => ("SpotifyNotFound", ErrorKind.ObjectNotFound),
            HttpStatusCode.BadRequest => ("SpotifyBadRequest", ErrorKind.InvalidArgument),
            _ => ("SpotifyRequestFailed", ErrorKind.ProtocolError),
        };
        var hint = status == HttpStatusCode.Unauthorized ? " Run Connect-Spotify again." : "";
        return new MusiVaultException(id, kind, $"Spotify refused {route} ({(int)status} {status}): {message}.{hint}", route);
    }
}
