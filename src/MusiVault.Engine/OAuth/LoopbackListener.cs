using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MusiVault.Engine.OAuth;

/// <summary>What the listener answers to one request for the redirect path, and whether that request ends the wait.</summary>
internal readonly record struct CallbackAnswer(bool Completes, int Status, string Title, string Message);

/// <summary>
/// Receives the browser's redirect after a login on http://127.0.0.1:&lt;port&gt;/&lt;path&gt;. A raw TcpListener bound
/// to the loopback address only (HttpListener needs a URL ACL on Windows, Kestrel is not in the module): nothing off
/// this machine can reach it. Port 0 binds a free port chosen by the OS and the redirect URI names the bound one; no
/// port is probed and released (another process could take it in between).
/// Connections are served concurrently, each with a short read timeout, so an idle local connection (a browser's
/// preconnect, a port scanner) cannot hold up the redirect; requests that are not the redirect of this login are
/// answered with 4xx and the wait goes on until the overall timeout.
/// </summary>
internal sealed class LoopbackListener : IDisposable
{
    private const int MaxRequestHead = 16 * 1024;
    private const int MaxConnections = 32;

    private readonly TcpListener _listener;
    private readonly OAuthClient _client;

    private LoopbackListener(TcpListener listener, Uri redirectUri, OAuthClient client)
    {
        _listener = listener;
        RedirectUri = redirectUri;
        _client = client;
    }

    /// <summary>The redirect URI as bound: the given one, or with the port the OS chose when it named port 0.</summary>
    public Uri RedirectUri { get; }

    /// <summary>How long one connection may take to send its request head.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks that <paramref name="redirectUri"/> is an http loopback URL and starts listening on it.</summary>
    public static LoopbackListener Start(Uri redirectUri, OAuthClient client)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        ArgumentNullException.ThrowIfNull(client);
        var address = LoopbackAddress(redirectUri, client, allowDynamicPort: true);
        var listener = new TcpListener(address, redirectUri.Port);
        try
        {
            listener.Start(backlog: 16);
        }
        catch (SocketException ex)
        {
            listener.Stop();
            throw new MusiVaultException(client.ErrorPrefix + "RedirectPortBusy", ErrorKind.ResourceBusy,
                $"Cannot listen on {redirectUri.GetLeftPart(UriPartial.Authority)} for the login redirect ({ex.SocketErrorCode}). " +
                $"Close what uses that port{client.PortBusyHint}",
                redirectUri.OriginalString, ex);
        }
        var bound = redirectUri.Port != 0
            ? redirectUri
            : new UriBuilder(redirectUri) { Port = ((IPEndPoint)listener.LocalEndpoint).Port }.Uri;
        return new LoopbackListener(listener, bound, client);
    }

    /// <summary>The loopback address a redirect URI designates; other hosts, schemes and a missing port are refused.</summary>
    public static IPAddress LoopbackAddress(Uri redirectUri, OAuthClient client, bool allowDynamicPort)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        ArgumentNullException.ThrowIfNull(client);
        if (redirectUri.Scheme != Uri.UriSchemeHttp)
        {
            throw InvalidRedirect(redirectUri, client, "it must start with http:// (the listener is local and plain HTTP)");
        }
        if (redirectUri.IsDefaultPort || (redirectUri.Port == 0 && !allowDynamicPort))
        {
            throw InvalidRedirect(redirectUri, client, "it must name a port, e.g. http://127.0.0.1:8765/callback");
        }
        if (redirectUri.HostNameType == UriHostNameType.IPv4 && IPAddress.Parse(redirectUri.Host).Equals(IPAddress.Loopback))
        {
            return IPAddress.Loopback;
        }
        if (redirectUri.HostNameType == UriHostNameType.IPv6 && IPAddress.Parse(redirectUri.Host.Trim('[', ']')).Equals(IPAddress.IPv6Loopback))
        {
            return IPAddress.IPv6Loopback;
        }
        throw InvalidRedirect(redirectUri, client,
            "its host must be the loopback address 127.0.0.1 (or [::1]); 'localhost' may resolve elsewhere");
    }

    private static MusiVaultException InvalidRedirect(Uri redirectUri, OAuthClient client, string why) =>
        new(client.ErrorPrefix + "InvalidRedirectUri", ErrorKind.InvalidArgument,
            $"The redirect URI '{redirectUri.OriginalString}' cannot be used: {why}.", redirectUri.OriginalString);

    /// <summary>
    /// Serves requests until one for the redirect path is answered with <see cref="CallbackAnswer.Completes"/> by
    /// <paramref name="answer"/>, and returns that request's full URL. Other paths get 404; requests the answer does not
    /// complete on (a wrong state) get its page and the wait goes on.
    /// </summary>
    public async Task<Uri> WaitAsync(TimeSpan timeout, Func<Uri, CallbackAnswer> answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(timeout);
        var done = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var serving = new List<Task>();
        Task<TcpClient>? accept = null;
        try
        {
            while (true)
            {
                accept = _listener.AcceptTcpClientAsync(overall.Token).AsTask();
                if (await Task.WhenAny(accept, done.Task) == done.Task)
                {
                    return await done.Task;
                }
                var client = await accept;
                accept = null;
                serving.RemoveAll(t => t.IsCompleted);
                if (serving.Count >= MaxConnections)
                {
                    client.Dispose();
                    continue;
                }
                serving.Add(ServeAsync(client, answer, done, overall.Token));
            }
        }
        catch (OperationCanceledException) when (done.Task.IsCompletedSuccessfully)
        {
            return await done.Task;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MusiVaultException(_client.ErrorPrefix + "LoginTimeout", ErrorKind.OperationTimeout,
                $"No login redirect arrived within {timeout.TotalMinutes:0.#} minutes. Run {_client.Command} again" +
                $"{_client.TimeoutHint}.", RedirectUri.OriginalString);
        }
        finally
        {
            await overall.CancelAsync();
            if (accept is not null)
            {
                // A connection accepted just as the wait ended is closed, not leaked.
                _ = accept.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
            await Task.WhenAll(serving);
        }
    }

    /// <summary>One connection: never throws, so a client that stalls or leaves cannot end the login.</summary>
    private async Task ServeAsync(TcpClient client, Func<Uri, CallbackAnswer> answer, TaskCompletionSource<Uri> done,
        CancellationToken cancellationToken)
    {
        using (client)
        using (var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connection.CancelAfter(ReadTimeout);
            try
            {
                var stream = client.GetStream();
                var target = await ReadRequestTargetAsync(stream, connection.Token);
                if (target is null || !Uri.TryCreate(RedirectUri.GetLeftPart(UriPartial.Authority) + target, UriKind.Absolute, out var url))
                {
                    await WriteResponseAsync(stream, 400, "Bad request", "This address only receives a login redirect.", connection.Token);
                    return;
                }
                if (!string.Equals(url.AbsolutePath, RedirectUri.AbsolutePath, StringComparison.Ordinal))
                {
                    await WriteResponseAsync(stream, 404, "Not found", $"This address only receives the {_client.Name} login redirect.",
                        connection.Token);
                    return;
                }
                var verdict = done.Task.IsCompleted
                    ? new CallbackAnswer(false, 400, "Login already finished", "This login has already received its redirect.")
                    : answer(url);
                try
                {
                    await WriteResponseAsync(stream, verdict.Status, verdict.Title, verdict.Message, connection.Token);
                }
                finally
                {
                    if (verdict.Completes)
                    {
                        // The redirect counts even when the browser left before reading its page.
                        done.TrySetResult(url);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
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
