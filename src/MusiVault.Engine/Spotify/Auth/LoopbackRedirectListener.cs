using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MusiVault.Engine.Spotify.Auth;

/// <summary>
/// Receives the browser's redirect after login on http://127.0.0.1:&lt;port&gt;/&lt;path&gt;. A raw TcpListener bound to
/// the loopback address only (HttpListener would need a URL ACL on Windows, Kestrel is not in the module): nothing
/// off this machine can reach it. It answers requests for other paths (favicon) with 404 and stops after the one
/// request for the redirect path.
/// </summary>
internal sealed class LoopbackRedirectListener : IDisposable
{
    private const int MaxRequestHead = 16 * 1024;

    private readonly TcpListener _listener;
    private readonly Uri _redirectUri;

    private LoopbackRedirectListener(TcpListener listener, Uri redirectUri)
    {
        _listener = listener;
        _redirectUri = redirectUri;
    }

    /// <summary>Checks that <paramref name="redirectUri"/> is an http loopback URL and starts listening on it.</summary>
    public static LoopbackRedirectListener Start(Uri redirectUri)
    {
        var address = LoopbackAddress(redirectUri);
        var listener = new TcpListener(address, redirectUri.Port);
        try
        {
            listener.Start(backlog: 4);
        }
        catch (SocketException ex)
        {
            throw new MusiVaultException("SpotifyRedirectPortBusy", ErrorKind.ResourceBusy,
                $"Cannot listen on {redirectUri.GetLeftPart(UriPartial.Authority)} for the login redirect ({ex.SocketErrorCode}). " +
                "Close what uses that port, or register another redirect URI with your Spotify app and pass it as -RedirectUri.",
                redirectUri.OriginalString, ex);
        }
        return new LoopbackRedirectListener(listener, redirectUri);
    }

    /// <summary>The loopback address a redirect URI designates; other hosts are refused.</summary>
    public static IPAddress LoopbackAddress(Uri redirectUri)
    {
        if (redirectUri.Scheme != Uri.UriSchemeHttp)
        {
            throw InvalidRedirect(redirectUri, "it must start with http:// (the listener is local and plain HTTP)");
        }
        if (redirectUri.IsDefaultPort)
        {
            throw InvalidRedirect(redirectUri, "it must name a port, e.g. http://127.0.0.1:8765/callback");
        }
        if (redirectUri.HostNameType == UriHostNameType.IPv4 && IPAddress.Parse(redirectUri.Host).Equals(IPAddress.Loopback))
        {
            return IPAddress.Loopback;
        }
        if (redirectUri.HostNameType == UriHostNameType.IPv6 && IPAddress.Parse(redirectUri.Host.Trim('[', ']')).Equals(IPAddress.IPv6Loopback))
        {
            return IPAddress.IPv6Loopback;
        }
        throw InvalidRedirect(redirectUri,
            "its host must be the loopback address 127.0.0.1 (or [::1]); Spotify no longer accepts 'localhost'");
    }

    private static MusiVaultException InvalidRedirect(Uri redirectUri, string why) =>
        new("SpotifyInvalidRedirectUri", ErrorKind.InvalidArgument, $"The redirect URI '{redirectUri.OriginalString}' cannot be used: {why}.",
            redirectUri.OriginalString);

    /// <summary>
    /// Waits for the redirect and returns its full URL. <paramref name="respond"/> turns the URL into the page the
    /// browser shows (success or failure) before the listener closes.
    /// </summary>
    public async Task<Uri> WaitAsync(TimeSpan timeout, Func<Uri, (bool Success, string Message)> respond, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync(timer.Token);
                await using var stream = client.GetStream();
                var target = await ReadRequestTargetAsync(stream, timer.Token);
                if (target is null)
                {
                    continue;
                }
                var url = new Uri(_redirectUri.GetLeftPart(UriPartial.Authority) + target);
                if (!string.Equals(url.AbsolutePath, _redirectUri.AbsolutePath, StringComparison.Ordinal))
                {
                    await WriteResponseAsync(stream, 404, "Not found", "This address only receives the Spotify login redirect.", timer.Token);
                    continue;
                }
                var (success, message) = respond(url);
                await WriteResponseAsync(stream, success ? 200 : 400, success ? "MusiVault is connected" : "MusiVault login failed",
                    message, timer.Token);
                return url;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MusiVaultException("SpotifyLoginTimeout", ErrorKind.OperationTimeout,
                $"No login redirect arrived within {timeout.TotalMinutes:0.#} minutes. Run Connect-Spotify again, or use " +
                "-NoBrowser to paste the redirected address by hand.", _redirectUri.OriginalString);
        }
    }

    private static async Task<string?> ReadRequestTargetAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestHead];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }
            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                break;
            }
        }
        var head = Encoding.ASCII.GetString(buffer, 0, length);
        var firstLine = head.Split("\r\n", 2)[0].Split(' ');
        if (firstLine.Length < 3 || firstLine[0] != "GET" || !firstLine[1].StartsWith('/'))
        {
            return null;
        }
        return firstLine[1];
    }

    private static async Task WriteResponseAsync(NetworkStream stream, int status, string title, string message, CancellationToken cancellationToken)
    {
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(title)}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#222}h1{font-size:1.4em}</style>
            </head><body><h1>{{WebUtility.HtmlEncode(title)}}</h1><p>{{WebUtility.HtmlEncode(message)}}</p></body></html>
            """;
        var body = Encoding.UTF8.GetBytes(html);
        var reason = status switch { 200 => "OK", 404 => "Not Found", _ => "Bad Request" };
        var header = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\n" +
            "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(header, cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public void Dispose() => _listener.Stop();
}
