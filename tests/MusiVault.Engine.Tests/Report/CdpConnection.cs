using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace MusiVault.Engine.Tests.Report;

/// <summary>An event the browser sent; <see cref="SessionId"/> names the page it came from (null for the browser).</summary>
internal sealed record CdpEvent(string Method, string? SessionId, JsonElement Params);

/// <summary>Failure reported by the browser for one command.</summary>
internal sealed class CdpException(string message) : Exception(message);

/// <summary>
/// One WebSocket to the browser speaking the Chrome DevTools Protocol in flat mode: pages are sessions on the same
/// socket, every message carries its sessionId. Only what the report tests need: commands with replies, and events.
/// </summary>
internal sealed class CdpConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private int _nextId;

    private CdpConnection(ClientWebSocket socket)
    {
        _socket = socket;
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(_stop.Token));
    }

    /// <summary>Called on the receive thread for every event; handlers must be quick and must not throw.</summary>
    public event Action<CdpEvent>? EventReceived;

    public static async Task<CdpConnection> ConnectAsync(Uri browserEndpoint, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            // Pages with large DOM answers (screenshots) arrive in many frames; the default buffers are fine.
            await socket.ConnectAsync(browserEndpoint, cancellationToken);
            return new CdpConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<JsonElement> SendAsync(string method, object? parameters, string? sessionId, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new Dictionary<string, object?> { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new { } };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }

        using var registration = cancellationToken.Register(() => reply.TrySetCanceled(cancellationToken));
        try
        {
            return await reply.Task;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                await message.WriteAsync(buffer.AsMemory(0, result.Count), cancellationToken);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                Dispatch(message.GetBuffer().AsMemory(0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The browser went away or we are closing; pending commands fail below.
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new CdpException("The browser closed the DevTools connection."));
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("id", out var idElement))
        {
            if (!_pending.TryGetValue(idElement.GetInt32(), out var reply))
            {
                return;
            }

            if (root.TryGetProperty("error", out var error))
            {
                reply.TrySetException(new CdpException("DevTools error: " + error.GetRawText()));
            }
            else
            {
                reply.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
            }

            return;
        }

        if (root.TryGetProperty("method", out var method))
        {
            var sessionId = root.TryGetProperty("sessionId", out var session) ? session.GetString() : null;
            var parameters = root.TryGetProperty("params", out var p) ? p.Clone() : default;
            EventReceived?.Invoke(new CdpEvent(method.GetString()!, sessionId, parameters));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Closing is best effort; the process is ended by the owner anyway.
            }
        }

        try
        {
            await _receiveLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _socket.Dispose();
        _sendLock.Dispose();
        _stop.Dispose();
    }
}
