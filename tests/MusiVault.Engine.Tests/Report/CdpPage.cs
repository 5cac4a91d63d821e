using System.Collections.Concurrent;
using System.Text.Json;

namespace MusiVault.Engine.Tests.Report;

/// <summary>
/// One browser tab. Keeps every event of its session so a test can check afterwards what the page logged, threw or
/// requested, and lets a test wait for the next event of a kind (registered before the action that causes it).
/// </summary>
internal sealed class CdpPage : IAsyncDisposable
{
    private readonly CdpConnection _connection;
    private readonly string _targetId;
    private readonly ConcurrentQueue<CdpEvent> _events = new();
    private readonly ConcurrentDictionary<TaskCompletionSource<CdpEvent>, string> _waiters = new();

    public CdpPage(CdpConnection connection, string sessionId, string targetId)
    {
        _connection = connection;
        SessionId = sessionId;
        _targetId = targetId;
        _connection.EventReceived += OnEvent;
    }

    public string SessionId { get; }

    public IReadOnlyCollection<CdpEvent> Events => _events;

    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(30);

    public Task<JsonElement> SendAsync(string method, object? parameters, CancellationToken cancellationToken) =>
        _connection.SendAsync(method, parameters, SessionId, cancellationToken);

    /// <summary>Call before the action; await the result after it.</summary>
    public Task<CdpEvent> NextEventAsync(string method, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<CdpEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters[waiter] = method;
        return waiter.Task.WaitAsync(Timeout, cancellationToken);
    }

    public async Task NavigateAsync(Uri url, CancellationToken cancellationToken)
    {
        var loaded = NextEventAsync("Page.loadEventFired", cancellationToken);
        var result = await SendAsync("Page.navigate", new { url = url.AbsoluteUri }, cancellationToken);
        if (result.TryGetProperty("errorText", out var error))
        {
            throw new CdpException($"Navigation to {url} failed: {error.GetString()}");
        }

        await loaded;
    }

    /// <summary>Evaluates in the page and returns the value; an exception in the page fails the test with its text.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true }, cancellationToken);
        if (result.TryGetProperty("exceptionDetails", out var details))
        {
            throw new CdpException($"Evaluating `{expression}` threw: {details.GetRawText()}");
        }

        var remote = result.GetProperty("result");
        return remote.TryGetProperty("value", out var value) ? value : default;
    }

    public async Task<T> EvaluateAsync<T>(string expression, CancellationToken cancellationToken) =>
        (await EvaluateAsync(expression, cancellationToken)).Deserialize<T>()!;

    public async Task SetViewportAsync(int width, int height, bool mobile, CancellationToken cancellationToken) =>
        await SendAsync("Emulation.setDeviceMetricsOverride",
            new { width, height, deviceScaleFactor = 1, mobile }, cancellationToken);

    /// <summary>The viewport, or with <paramref name="fullPage"/> the whole document at the viewport's width.</summary>
    public async Task<byte[]> ScreenshotPngAsync(CancellationToken cancellationToken, bool fullPage = false)
    {
        object parameters = new { format = "png" };
        if (fullPage)
        {
            var size = (await SendAsync("Page.getLayoutMetrics", null, cancellationToken)).GetProperty("cssContentSize");
            var clip = new { x = 0, y = 0, width = size.GetProperty("width").GetDouble(), height = size.GetProperty("height").GetDouble(), scale = 1 };
            parameters = new { format = "png", captureBeyondViewport = true, clip };
        }

        var result = await SendAsync("Page.captureScreenshot", parameters, cancellationToken);
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }

    /// <summary>Console errors and warnings, uncaught exceptions and browser log errors (CSP violations land there).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var e in _events)
        {
            switch (e.Method)
            {
                case "Runtime.exceptionThrown":
                    problems.Add("exception: " + e.Params.GetProperty("exceptionDetails").GetRawText());
                    break;
                case "Runtime.consoleAPICalled" when e.Params.GetProperty("type").GetString() is "error" or "warning" or "assert":
                    problems.Add("console: " + e.Params.GetProperty("args").GetRawText());
                    break;
                case "Log.entryAdded" when e.Params.GetProperty("entry").GetProperty("level").GetString() is "error" or "warning":
                    problems.Add("log: " + e.Params.GetProperty("entry").GetRawText());
                    break;
                case "Page.javascriptDialogOpening":
                    problems.Add("dialog: " + e.Params.GetRawText());
                    break;
            }
        }

        return problems;
    }

    public IReadOnlyList<string> RequestedUrls() =>
        _events.Where(e => e.Method == "Network.requestWillBeSent")
            .Select(e => e.Params.GetProperty("request").GetProperty("url").GetString()!)
            .ToList();

    private void OnEvent(CdpEvent e)
    {
        if (e.SessionId != SessionId)
        {
            return;
        }

        _events.Enqueue(e);
        foreach (var (waiter, method) in _waiters)
        {
            if (method == e.Method && _waiters.TryRemove(waiter, out _))
            {
                waiter.TrySetResult(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _connection.EventReceived -= OnEvent;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _connection.SendAsync("Target.closeTarget", new { targetId = _targetId }, null, timeout.Token);
        }
        catch (Exception ex) when (ex is CdpException or OperationCanceledException)
        {
            // The browser may already be closing.
        }
    }
}
